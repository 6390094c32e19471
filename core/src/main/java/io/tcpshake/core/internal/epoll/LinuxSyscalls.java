package io.tcpshake.core.internal.epoll;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import java.util.Collections;

/**
 * The libc calls of the epoll engine, bound by JNA direct mapping: static natives registered once, no
 * proxy, no reflection per call. Pointers are passed as raw addresses ({@code long}) of native buffers the
 * engine allocates once, so a call converts nothing.
 *
 * <p>After a call returns -1 the errno is {@link #errno()} ({@code Native.getLastError()}, which JNA
 * saves after every direct call). No method declares {@code LastErrorException}: that would throw on
 * {@code EINPROGRESS}, the normal answer of a non-blocking connect.
 *
 * <p>The constants are Linux's generic values, the same on x86-64 and aarch64 (the only architectures the
 * engine accepts, see {@link EpollEngine#unavailabilityCause()}).
 */
final class LinuxSyscalls {
    static {
        // A process handle of our own (the extra option makes JNA's cache key unique, so no other user of
        // JNA in this JVM shares it), closed once the natives are bound: the bound addresses are libc's,
        // which the JVM itself keeps loaded. An open NativeLibrary stays registered with JNA's cleaner,
        // whose "JNA Cleaner" thread would then live in the host JVM for good; closed, the cleaner has
        // nothing left and its thread ends.
        NativeLibrary process =
                NativeLibrary.getProcess(Collections.singletonMap("tcpshake-epoll-engine", "bound once"));
        try {
            Native.register(LinuxSyscalls.class, process);
        } finally {
            process.close();
        }
    }

    static final int AF_UNSPEC = 0;
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final int SOCK_STREAM = 1;
    static final int SOCK_DGRAM = 2;
    static final int SOCK_NONBLOCK = 0x800;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int SOL_SOCKET = 1;
    static final int SO_ERROR = 4;
    static final int SO_LINGER = 13;
    static final int IPPROTO_TCP = 6;
    static final int TCP_DEFER_ACCEPT = 9;
    static final int TCP_CONGESTION = 13;

    static final int EPOLL_CLOEXEC = 0x80000;
    static final int EPOLL_CTL_ADD = 1;
    static final int EPOLLIN = 0x001;
    static final int EPOLLOUT = 0x004;
    static final int EPOLLERR = 0x008;
    static final int EPOLLHUP = 0x010;
    static final int EPOLLET = 0x80000000;
    static final int EFD_NONBLOCK = 0x800;
    static final int EFD_CLOEXEC = 0x80000;

    private LinuxSyscalls() {
    }

    static native int socket(int domain, int type, int protocol);

    static native int setsockopt(int fd, int level, int name, long value, int length);

    static native int getsockopt(int fd, int level, int name, long value, long lengthPointer);

    static native int connect(int fd, long address, int length);

    static native int bind(int fd, long address, int length);

    static native int getsockname(int fd, long address, long lengthPointer);

    static native int close(int fd);

    static native int epoll_create1(int flags);

    static native int epoll_ctl(int epfd, int op, int fd, long event);

    static native int epoll_wait(int epfd, long events, int maxEvents, int timeoutMillis);

    static native int eventfd(int initialValue, int flags);

    static native long read(int fd, long buffer, long count);

    static native long write(int fd, long buffer, long count);

    /** JNA's version, for the engine description. */
    static String jnaVersion() {
        return Native.VERSION;
    }

    /** The errno of the last call on this thread that failed. */
    static int errno() {
        return Native.getLastError();
    }
}
