package io.tcpshake.core.internal.raw;

import io.tcpshake.core.Errno;
import io.tcpshake.core.internal.epoll.NativeBuffer;
import java.io.IOException;

/**
 * The engine's raw sockets: per family one {@code IPPROTO_TCP} socket that sends the SYNs and receives the
 * SYN-ACKs and RSTs, and one ICMP socket that receives the errors, each with its {@link AnswerFilter}. The
 * kernel builds the IP headers. Where IPv6 is off its sockets are -1 and IPv6 checks fail with the errno
 * of that socket, as the epoll engine's {@code socket()} would.
 */
final class RawSockets implements AutoCloseable {
    /** Receive buffers: a burst of answers to a few thousand probes fits. */
    private static final int BUFFER_BYTES = 4 << 20;

    final int tcp4;
    final int tcp6;
    final int icmp4;
    final int icmp6;
    /** Why {@link #tcp6} is -1: the errno of its socket(). */
    final int ipv6Errno;

    private RawSockets(int tcp4, int tcp6, int icmp4, int icmp6, int ipv6Errno) {
        this.tcp4 = tcp4;
        this.tcp6 = tcp6;
        this.icmp4 = icmp4;
        this.icmp6 = icmp6;
        this.ipv6Errno = ipv6Errno;
    }

    /** Opens the sockets for answers to ports {@code low..high}; throws when the IPv4 TCP one cannot be had. */
    static RawSockets open(int low, int high) throws IOException {
        int tcp4 = openRaw(RawSyscalls.AF_INET, RawSyscalls.IPPROTO_TCP);
        if (tcp4 < 0) {
            throw new IOException(failure("socket(AF_INET, SOCK_RAW, IPPROTO_TCP)", -tcp4));
        }
        int tcp6 = openRaw(RawSyscalls.AF_INET6, RawSyscalls.IPPROTO_TCP);
        int icmp4 = openRaw(RawSyscalls.AF_INET, RawSyscalls.IPPROTO_ICMP);
        int icmp6 = tcp6 < 0 ? -1 : openRaw(RawSyscalls.AF_INET6, RawSyscalls.IPPROTO_ICMPV6);
        RawSockets sockets = new RawSockets(tcp4, Math.max(tcp6, -1), Math.max(icmp4, -1), Math.max(icmp6, -1),
                tcp6 < 0 ? -tcp6 : 0);
        try {
            sockets.attach(tcp4, AnswerFilter.tcp(false, low, high));
            sockets.attach(sockets.tcp6, AnswerFilter.tcp(true, low, high));
            sockets.attach(sockets.icmp4, AnswerFilter.icmp(false, low, high));
            sockets.attach(sockets.icmp6, AnswerFilter.icmp(true, low, high));
        } catch (IOException e) {
            sockets.close();
            throw e;
        }
        return sockets;
    }

    /** Why this engine cannot run here, or null: the IPv4 raw socket needs CAP_NET_RAW. */
    static String unavailability() {
        int fd = openRaw(RawSyscalls.AF_INET, RawSyscalls.IPPROTO_TCP);
        if (fd < 0) {
            return failure("socket(AF_INET, SOCK_RAW, IPPROTO_TCP)", -fd);
        }
        RawSyscalls.close(fd);
        return null;
    }

    private static int openRaw(int family, int protocol) {
        int fd = RawSyscalls.socket(family, RawSyscalls.SOCK_RAW | RawSyscalls.SOCK_NONBLOCK
                | RawSyscalls.SOCK_CLOEXEC, protocol);
        return fd < 0 ? -RawSyscalls.errno() : fd;
    }

    private void attach(int fd, AnswerFilter filter) throws IOException {
        if (fd < 0) {
            return;
        }
        int errno = filter.attachTo(fd);
        if (errno != 0) {
            throw new IOException(failure("setsockopt(SO_ATTACH_FILTER)", errno));
        }
        NativeBuffer size = new NativeBuffer(4);
        try {
            size.bytes.putInt(0, BUFFER_BYTES);
            // FORCE passes the system's cap with CAP_NET_ADMIN; without it the capped size is what we get.
            if (RawSyscalls.setsockopt(fd, RawSyscalls.SOL_SOCKET, RawSyscalls.SO_RCVBUFFORCE, size.address, 4) < 0) {
                RawSyscalls.setsockopt(fd, RawSyscalls.SOL_SOCKET, RawSyscalls.SO_RCVBUF, size.address, 4);
            }
            if (RawSyscalls.setsockopt(fd, RawSyscalls.SOL_SOCKET, RawSyscalls.SO_SNDBUFFORCE, size.address, 4) < 0) {
                RawSyscalls.setsockopt(fd, RawSyscalls.SOL_SOCKET, RawSyscalls.SO_SNDBUF, size.address, 4);
            }
        } finally {
            size.free();
        }
    }

    /** "socket(...) failed: Operation not permitted (EPERM)" */
    static String failure(String call, int errno) {
        return call + " failed: " + Errno.describe(errno) + " (" + Errno.name(errno) + ")";
    }

    @Override
    public void close() {
        for (int fd : new int[] {tcp4, tcp6, icmp4, icmp6}) {
            if (fd >= 0) {
                RawSyscalls.close(fd);
            }
        }
    }
}
