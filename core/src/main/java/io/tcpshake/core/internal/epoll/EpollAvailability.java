package io.tcpshake.core.internal.epoll;

import io.tcpshake.core.Errno;

/**
 * Whether the epoll engine can run here, decided once per JVM: Linux on x86-64 or aarch64, JNA on the
 * class path with its native part loadable, libc's calls bound, and an epoll instance creatable (a
 * seccomp profile may forbid it). Kept apart from {@link EpollEngine} so that a missing JNA surfaces
 * here as a cause, not as a {@code NoClassDefFoundError} out of the engine's class.
 */
final class EpollAvailability {
    private static final String PLATFORM_LIBRARY_PATH = "jna.platform.library.path";
    static final Throwable CAUSE = probe();

    private EpollAvailability() {
    }

    private static Throwable probe() {
        String os = System.getProperty("os.name", "");
        if (!os.startsWith("Linux")) {
            return new UnsupportedOperationException("epoll needs Linux; this is " + os);
        }
        String arch = System.getProperty("os.arch", "");
        if (!arch.equals("amd64") && !arch.equals("x86_64") && !arch.equals("aarch64")) {
            return new UnsupportedOperationException("the epoll engine supports x86-64 and aarch64; this is " + arch);
        }
        // The first touch of LinuxSyscalls loads JNA, which sets system properties on its way.
        JnaPropertyGuard properties = JnaPropertyGuard.snapshot();
        // JNA's NativeLibrary works out a library search path once, by running "/sbin/ldconfig -p" as a
        // child process, unless jna.platform.library.path is set. The engine looks up no library by name
        // (it binds the process's own libc), so an empty path spares the host application that process
        // (and the command line 40 ms); the guard removes the property again.
        if (System.getProperty(PLATFORM_LIBRARY_PATH) == null) {
            System.setProperty(PLATFORM_LIBRARY_PATH, "");
        }
        try {
            int epfd = LinuxSyscalls.epoll_create1(LinuxSyscalls.EPOLL_CLOEXEC);
            if (epfd < 0) {
                int errno = LinuxSyscalls.errno();
                return new IllegalStateException("epoll_create1() failed: " + Errno.describe(errno)
                        + " (" + Errno.name(errno) + ")");
            }
            LinuxSyscalls.close(epfd);
            return null;
        } catch (NoClassDefFoundError e) {
            return new IllegalStateException("JNA is not on the class path (" + e.getMessage() + ")", e);
        } catch (UnsatisfiedLinkError e) {
            return new IllegalStateException("JNA cannot bind libc: " + e.getMessage(), e);
        } catch (Throwable e) {
            return new IllegalStateException("JNA cannot load: " + e, e);
        } finally {
            properties.restore();
        }
    }
}
