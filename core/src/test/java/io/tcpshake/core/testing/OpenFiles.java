package io.tcpshake.core.testing;

import java.io.File;

/** Counts this process's open file descriptors, to prove checks leak none. Linux only (/proc). */
public final class OpenFiles {
    private OpenFiles() {
    }

    public static boolean supported() {
        return new File("/proc/self/fd").isDirectory();
    }

    public static int count() {
        String[] fds = new File("/proc/self/fd").list();
        return fds == null ? -1 : fds.length;
    }
}
