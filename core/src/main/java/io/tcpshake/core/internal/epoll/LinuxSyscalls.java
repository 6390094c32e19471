package io.tcpshake.core.internal.epoll;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import io.tcpshake.core.internal.engine.ForeignLinker;
import java.lang.invoke.MethodHandle;
import java.util.Collections;

/**
 * The libc calls of the epoll engine. Where the JDK's foreign function API can be used ({@link ForeignLinker}:
 * Java 22 and later with native access enabled), through its downcalls, half the cost of JNA's per call;
 * elsewhere through JNA direct mapping ({@link Jna}). Pointers are passed as raw addresses ({@code long}) of
 * native buffers the engine allocates once, so a call converts nothing.
 *
 * <p>After a call returns -1 the errno is {@link #errno()}. No call throws on a failure: a non-blocking
 * connect's normal answer is {@code EINPROGRESS}.
 *
 * <p>The constants are Linux's generic values, the same on x86-64 and aarch64 (the only architectures the
 * engine accepts, see {@link EpollEngine#unavailabilityCause()}).
 */
final class LinuxSyscalls {
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

    private static final ForeignLinker FOREIGN = ForeignLinker.forCode(LinuxSyscalls.class);
    private static final MethodHandle SOCKET = downcall("socket", int.class, int.class, int.class, int.class);
    private static final MethodHandle SETSOCKOPT =
            downcall("setsockopt", int.class, int.class, int.class, int.class, long.class, int.class);
    private static final MethodHandle GETSOCKOPT =
            downcall("getsockopt", int.class, int.class, int.class, int.class, long.class, long.class);
    private static final MethodHandle CONNECT = downcall("connect", int.class, int.class, long.class, int.class);
    private static final MethodHandle BIND = downcall("bind", int.class, int.class, long.class, int.class);
    private static final MethodHandle GETSOCKNAME =
            downcall("getsockname", int.class, int.class, long.class, long.class);
    private static final MethodHandle CLOSE = downcall("close", int.class, int.class);
    private static final MethodHandle EPOLL_CREATE1 = downcall("epoll_create1", int.class, int.class);
    private static final MethodHandle EPOLL_CTL =
            downcall("epoll_ctl", int.class, int.class, int.class, int.class, long.class);
    private static final MethodHandle EPOLL_WAIT =
            downcall("epoll_wait", int.class, int.class, long.class, int.class, int.class);
    private static final MethodHandle EVENTFD = downcall("eventfd", int.class, int.class, int.class);
    private static final MethodHandle READ = downcall("read", long.class, int.class, long.class, long.class);
    private static final MethodHandle WRITE = downcall("write", long.class, int.class, long.class, long.class);

    private LinuxSyscalls() {
    }

    /** How the calls are bound, for the engine's description: the foreign function API, or JNA's version. */
    static String binding() {
        return FOREIGN != null ? "foreign function API" : "JNA " + Native.VERSION;
    }

    static int socket(int domain, int type, int protocol) {
        return FOREIGN == null ? Jna.socket(domain, type, protocol)
                : (int) FOREIGN.invoke(SOCKET, domain, type, protocol);
    }

    static int setsockopt(int fd, int level, int name, long value, int length) {
        return FOREIGN == null ? Jna.setsockopt(fd, level, name, value, length)
                : (int) FOREIGN.invoke(SETSOCKOPT, fd, level, name, value, length);
    }

    static int getsockopt(int fd, int level, int name, long value, long lengthPointer) {
        return FOREIGN == null ? Jna.getsockopt(fd, level, name, value, lengthPointer)
                : (int) FOREIGN.invoke(GETSOCKOPT, fd, level, name, value, lengthPointer);
    }

    static int bind(int fd, long address, int length) {
        return FOREIGN == null ? Jna.bind(fd, address, length) : (int) FOREIGN.invoke(BIND, fd, address, length);
    }

    static int getsockname(int fd, long address, long lengthPointer) {
        return FOREIGN == null ? Jna.getsockname(fd, address, lengthPointer)
                : (int) FOREIGN.invoke(GETSOCKNAME, fd, address, lengthPointer);
    }

    static int close(int fd) {
        return FOREIGN == null ? Jna.close(fd) : (int) FOREIGN.invoke(CLOSE, fd);
    }

    static int epoll_create1(int flags) {
        return FOREIGN == null ? Jna.epoll_create1(flags) : (int) FOREIGN.invoke(EPOLL_CREATE1, flags);
    }

    static int epoll_ctl(int epfd, int op, int fd, long event) {
        return FOREIGN == null ? Jna.epoll_ctl(epfd, op, fd, event)
                : (int) FOREIGN.invoke(EPOLL_CTL, epfd, op, fd, event);
    }

    static int eventfd(int initialValue, int flags) {
        return FOREIGN == null ? Jna.eventfd(initialValue, flags)
                : (int) FOREIGN.invoke(EVENTFD, initialValue, flags);
    }

    // The calls of every check and loop iteration, each an invokeExact on its constant handle (no boxing).

    static int connect(int fd, long address, int length) {
        if (FOREIGN == null) {
            return Jna.connect(fd, address, length);
        }
        try {
            return (int) CONNECT.invokeExact(FOREIGN.callState(), fd, address, length);
        } catch (Throwable e) {
            throw ForeignLinker.unexpected(e);
        }
    }

    static int epoll_wait(int epfd, long events, int maxEvents, int timeoutMillis) {
        if (FOREIGN == null) {
            return Jna.epoll_wait(epfd, events, maxEvents, timeoutMillis);
        }
        try {
            return (int) EPOLL_WAIT.invokeExact(FOREIGN.callState(), epfd, events, maxEvents, timeoutMillis);
        } catch (Throwable e) {
            throw ForeignLinker.unexpected(e);
        }
    }

    static long read(int fd, long buffer, long count) {
        if (FOREIGN == null) {
            return Jna.read(fd, buffer, count);
        }
        try {
            return (long) READ.invokeExact(FOREIGN.callState(), fd, buffer, count);
        } catch (Throwable e) {
            throw ForeignLinker.unexpected(e);
        }
    }

    static long write(int fd, long buffer, long count) {
        if (FOREIGN == null) {
            return Jna.write(fd, buffer, count);
        }
        try {
            return (long) WRITE.invokeExact(FOREIGN.callState(), fd, buffer, count);
        } catch (Throwable e) {
            throw ForeignLinker.unexpected(e);
        }
    }

    /** The errno of the last call on this thread that failed. */
    static int errno() {
        return FOREIGN != null ? FOREIGN.errno() : Native.getLastError();
    }

    private static MethodHandle downcall(String function, Class<?> returnType, Class<?>... parameterTypes) {
        return FOREIGN == null ? null : FOREIGN.downcall(function, returnType, parameterTypes);
    }

    /**
     * The same calls bound by JNA direct mapping: static natives registered once, no proxy, no reflection per
     * call; JNA saves the errno after every call. Loaded only when the foreign function API is not used.
     */
    private static final class Jna {
        static {
            // A process handle of our own (the extra option makes JNA's cache key unique, so no other user of
            // JNA in this JVM shares it), closed once the natives are bound: the bound addresses are libc's,
            // which the JVM itself keeps loaded. An open NativeLibrary stays registered with JNA's cleaner,
            // whose "JNA Cleaner" thread would then live in the host JVM for good; closed, the cleaner has
            // nothing left and its thread ends.
            NativeLibrary process =
                    NativeLibrary.getProcess(Collections.singletonMap("tcpshake-epoll-engine", "bound once"));
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
    }
}
