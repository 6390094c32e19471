package io.tcpshake.core.internal.raw;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import java.util.Collections;

/**
 * The libc calls of the raw engine, bound by JNA direct mapping as the epoll engine's are: static natives
 * registered once, pointers passed as the raw addresses of native buffers allocated once. After a call
 * returns -1 the errno is {@link #errno()}. Constants are Linux's generic values (x86-64 and aarch64).
 */
final class RawSyscalls {
    static {
        // A process handle of our own, closed once the natives are bound (see the epoll engine's binding:
        // an open NativeLibrary keeps JNA's cleaner thread alive in the host JVM).
        NativeLibrary process =
                NativeLibrary.getProcess(Collections.singletonMap("tcpshake-raw-engine", "bound once"));
        try {
            Native.register(RawSyscalls.class, process);
        } finally {
            process.close();
        }
    }

    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final int SOCK_STREAM = 1;
    static final int SOCK_DGRAM = 2;
    static final int SOCK_RAW = 3;
    static final int SOCK_NONBLOCK = 0x800;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int IPPROTO_ICMP = 1;
    static final int IPPROTO_TCP = 6;
    static final int IPPROTO_IPV6 = 41;
    static final int IPPROTO_ICMPV6 = 58;
    static final int IPV6_V6ONLY = 26;
    static final int SOL_SOCKET = 1;
    static final int SO_SNDBUF = 7;
    static final int SO_RCVBUF = 8;
    static final int SO_ATTACH_FILTER = 26;
    static final int SO_SNDBUFFORCE = 32;
    static final int SO_RCVBUFFORCE = 33;
    static final int MSG_DONTWAIT = 0x40;
    static final short POLLIN = 1;

    private RawSyscalls() {
    }

    static native int socket(int domain, int type, int protocol);

    static native int setsockopt(int fd, int level, int name, long value, int length);

    static native int bind(int fd, long address, int length);

    static native int connect(int fd, long address, int length);

    static native int getsockname(int fd, long address, long lengthPointer);

    static native int close(int fd);

    static native int sendmmsg(int fd, long messages, int count, int flags);

    static native long sendto(int fd, long buffer, long length, int flags, long address, int addressLength);

    static native int recvmmsg(int fd, long messages, int count, int flags, long timeout);

    static native long recvfrom(int fd, long buffer, long length, int flags, long address, long addressLengthPointer);

    static native int poll(long fds, long count, int timeoutMillis);

    /** The errno of the last call on this thread that failed. */
    static int errno() {
        return Native.getLastError();
    }
}
