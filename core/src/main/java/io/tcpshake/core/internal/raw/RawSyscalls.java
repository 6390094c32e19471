package io.tcpshake.core.internal.raw;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import io.tcpshake.core.internal.engine.ForeignLinker;
import java.lang.invoke.MethodHandle;
import java.util.Collections;

/**
 * The libc calls of the raw engine, bound by JNA direct mapping as the epoll engine's are ({@link Jna}). The
 * calls every check makes ({@code sendto}, {@code recvfrom}, their batched forms, {@code poll}) go through
 * the JDK's foreign function API where it can be used ({@link ForeignLinker}: Java 22 and later, as
 * {@code java -jar tcpshake.jar} runs there): a downcall costs half of what a JNA call does, and at one check
 * in flight a check is two calls, so this engine, chosen for checks per second, makes some 10 % more. Pointers
 * are passed as the raw addresses of native buffers allocated once. After a call returns -1 the errno is
 * {@link #errno()}. Constants are Linux's generic values (x86-64 and aarch64).
 */
final class RawSyscalls {
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

    /**
     * The per-check calls' downcalls, or null. Only those: binding a handle costs start-up time (the first
     * some 70 ms of CPU, each new signature more), which the calls that set sockets up would never win back.
     */
    private static final ForeignLinker FOREIGN = ForeignLinker.forCode(RawSyscalls.class);
    private static final MethodHandle SENDMMSG =
            downcall("sendmmsg", int.class, int.class, long.class, int.class, int.class);
    private static final MethodHandle SENDTO =
            downcall("sendto", long.class, int.class, long.class, long.class, int.class, long.class, int.class);
    private static final MethodHandle RECVMMSG =
            downcall("recvmmsg", int.class, int.class, long.class, int.class, int.class, long.class);
    private static final MethodHandle RECVFROM =
            downcall("recvfrom", long.class, int.class, long.class, long.class, int.class, long.class, long.class);
    private static final MethodHandle POLL = downcall("poll", int.class, long.class, long.class, int.class);

    private RawSyscalls() {
    }

    /** How the per-check calls are bound, for the engine's description. */
    static String binding() {
        return "JNA " + Native.VERSION + (FOREIGN != null ? " and the foreign function API" : "");
    }

    static int socket(int domain, int type, int protocol) {
        return Jna.socket(domain, type, protocol);
    }

    static int setsockopt(int fd, int level, int name, long value, int length) {
        return Jna.setsockopt(fd, level, name, value, length);
    }

    static int bind(int fd, long address, int length) {
        return Jna.bind(fd, address, length);
    }

    static int connect(int fd, long address, int length) {
        return Jna.connect(fd, address, length);
    }

    static int getsockname(int fd, long address, long lengthPointer) {
        return Jna.getsockname(fd, address, lengthPointer);
    }

    static int close(int fd) {
        return Jna.close(fd);
    }

    // The calls of every check: an invokeExact on a constant handle where there is one.

    static int sendmmsg(int fd, long messages, int count, int flags) {
        if (FOREIGN == null) {
            return Jna.sendmmsg(fd, messages, count, flags);
        }
        try {
            return (int) failed((int) SENDMMSG.invokeExact(FOREIGN.callState(), fd, messages, count, flags));
        } catch (Throwable e) {
            throw ForeignLinker.unexpected(e);
        }
    }

    static long sendto(int fd, long buffer, long length, int flags, long address, int addressLength) {
        if (FOREIGN == null) {
            return Jna.sendto(fd, buffer, length, flags, address, addressLength);
        }
        try {
            return failed((long) SENDTO.invokeExact(FOREIGN.callState(), fd, buffer, length, flags, address,
                    addressLength));
        } catch (Throwable e) {
            throw ForeignLinker.unexpected(e);
        }
    }

    static int recvmmsg(int fd, long messages, int count, int flags, long timeout) {
        if (FOREIGN == null) {
            return Jna.recvmmsg(fd, messages, count, flags, timeout);
        }
        try {
            return (int) failed((int) RECVMMSG.invokeExact(FOREIGN.callState(), fd, messages, count, flags, timeout));
        } catch (Throwable e) {
            throw ForeignLinker.unexpected(e);
        }
    }

    static long recvfrom(int fd, long buffer, long length, int flags, long address, long addressLengthPointer) {
        if (FOREIGN == null) {
            return Jna.recvfrom(fd, buffer, length, flags, address, addressLengthPointer);
        }
        try {
            return failed((long) RECVFROM.invokeExact(FOREIGN.callState(), fd, buffer, length, flags, address,
                    addressLengthPointer));
        } catch (Throwable e) {
            throw ForeignLinker.unexpected(e);
        }
    }

    static int poll(long fds, long count, int timeoutMillis) {
        if (FOREIGN == null) {
            return Jna.poll(fds, count, timeoutMillis);
        }
        try {
            return (int) failed((int) POLL.invokeExact(FOREIGN.callState(), fds, count, timeoutMillis));
        } catch (Throwable e) {
            throw ForeignLinker.unexpected(e);
        }
    }

    /** The errno of the last call on this thread that failed. */
    static int errno() {
        return Native.getLastError();
    }

    /**
     * A downcall's result; when it is -1, its captured errno becomes JNA's last error of this thread, so that
     * {@link #errno()} tells the errno of the last failed call whichever binding made it.
     */
    private static long failed(long result) {
        if (result == -1) {
            Native.setLastError(FOREIGN.errno());
        }
        return result;
    }

    private static MethodHandle downcall(String function, Class<?> returnType, Class<?>... parameterTypes) {
        return FOREIGN == null ? null : FOREIGN.downcall(function, returnType, parameterTypes);
    }

    /**
     * The same calls bound by JNA direct mapping: static natives registered once, on a process handle of our
     * own closed once they are bound (see the epoll engine's binding: an open NativeLibrary keeps JNA's
     * cleaner thread alive in the host JVM).
     */
    private static final class Jna {
        static {
            NativeLibrary process =
                    NativeLibrary.getProcess(Collections.singletonMap("tcpshake-raw-engine", "bound once"));
            try {
                Native.register(Jna.class, process);
            } finally {
                process.close();
            }
        }

        private Jna() {
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

        static native long recvfrom(int fd, long buffer, long length, int flags, long address,
                long addressLengthPointer);

        static native int poll(long fds, long count, int timeoutMillis);
    }
}
