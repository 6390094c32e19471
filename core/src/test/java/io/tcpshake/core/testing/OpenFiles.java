package io.tcpshake.core.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * This process's open file descriptors, to prove that checks leak none. Linux only (/proc).
 *
 * <p>A leak is a descriptor opened since a snapshot and still open, compared by number and by what it points
 * at ({@code socket:[inode]}, {@code anon_inode:[eventpoll]}, a path). Counting instead would also fail when
 * other code in the test JVM closes a descriptor of its own meanwhile (an earlier test's leftover, closed by
 * a cleaner), which is no leak of the code under test.
 */
public final class OpenFiles {
    private static final Path FD_DIRECTORY = Path.of("/proc/self/fd");

    private OpenFiles() {
    }

    public static boolean supported() {
        return FD_DIRECTORY.toFile().isDirectory();
    }

    /** The open descriptors now: number and what each points at. */
    public static Map<Integer, String> snapshot() {
        Map<Integer, String> open = new TreeMap<>();
        String[] names = FD_DIRECTORY.toFile().list();
        if (names == null) {
            throw new IllegalStateException("cannot list " + FD_DIRECTORY);
        }
        for (String name : names) {
            try {
                open.put(Integer.valueOf(name), Files.readSymbolicLink(FD_DIRECTORY.resolve(name)).toString());
            } catch (IOException e) {
                // Closed since the listing: the listing's own descriptor, or another thread's.
            }
        }
        return open;
    }

    /** The descriptors open now that were not open, as the same thing, in {@code before}. */
    public static Map<Integer, String> openedSince(Map<Integer, String> before) {
        Map<Integer, String> opened = snapshot();
        opened.entrySet().removeIf(entry -> entry.getValue().equals(before.get(entry.getKey())));
        return opened;
    }
}
