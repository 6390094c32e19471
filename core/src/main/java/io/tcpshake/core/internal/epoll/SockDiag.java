package io.tcpshake.core.internal.epoll;

import io.tcpshake.core.discovery.TcpSocketSink;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.LongPredicate;

/**
 * The kernel's table of TCP sockets through netlink {@code sock_diag} ({@code NETLINK_SOCK_DIAG}, the
 * interface {@code ss} uses), bound by the same JNA calls as the engine: a binary dump that the kernel
 * filters by state (ESTABLISHED and LISTEN only), against the text of {@code /proc/self/net/tcp}, which it
 * formats row by row. Measured here with 10,000 sockets and more in the namespace: about half the cost (the
 * discovery benchmark prints both). Like that table it holds every socket of the network namespace;
 * which are this process's own is still for {@code /proc/self/fd} to say.
 */
public final class SockDiag {
    private static final int AF_NETLINK = 16;
    private static final int SOCK_RAW = 3;
    private static final int NETLINK_SOCK_DIAG = 4;
    private static final int SOCK_DIAG_BY_FAMILY = 20;
    private static final short NLM_F_REQUEST = 0x1;
    private static final short NLM_F_DUMP = 0x300;
    private static final int NLMSG_ERROR = 2;
    private static final int NLMSG_DONE = 3;
    private static final int HEADER = 16;
    private static final int REQUEST = HEADER + 56;
    private static final int STATES = 1 << TcpSocketSink.ESTABLISHED | 1 << TcpSocketSink.LISTEN;
    private static final int BUFFER = 64 * 1024;

    private SockDiag() {
    }

    /** Why the dump cannot be used here (JNA does not load, not Linux), or null when it can be tried. */
    public static Throwable unavailabilityCause() {
        return EpollEngine.unavailabilityCause();
    }

    /**
     * Dumps the namespace's TCP sockets of one family in state ESTABLISHED or LISTEN, passing those whose
     * inode {@code ownInode} accepts to {@code sink}; returns the number of sockets the kernel sent.
     *
     * @param ipv6 AF_INET6 (with IPv4-mapped addresses: a dual-stack Java socket) rather than AF_INET
     * @throws IOException when the netlink socket cannot be opened or the kernel refuses the dump
     */
    public static int dumpTcp(boolean ipv6, LongPredicate ownInode, TcpSocketSink sink) throws IOException {
        int fd = LinuxSyscalls.socket(AF_NETLINK, SOCK_RAW | LinuxSyscalls.SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
        if (fd < 0) {
            throw new IOException(SocketCalls.failure("socket(AF_NETLINK, NETLINK_SOCK_DIAG)", LinuxSyscalls.errno()));
        }
        NativeBuffer buffer = new NativeBuffer(BUFFER);
        try {
            ByteBuffer request = buffer.bytes;
            request.putInt(0, REQUEST).putShort(4, (short) SOCK_DIAG_BY_FAMILY)
                    .putShort(6, (short) (NLM_F_REQUEST | NLM_F_DUMP)).putInt(8, 1).putInt(12, 0);
            request.put(HEADER, (byte) (ipv6 ? LinuxSyscalls.AF_INET6 : LinuxSyscalls.AF_INET))
                    .put(HEADER + 1, (byte) LinuxSyscalls.IPPROTO_TCP).put(HEADER + 2, (byte) 0)
                    .put(HEADER + 3, (byte) 0).putInt(HEADER + 4, STATES);
            if (LinuxSyscalls.write(fd, buffer.address, REQUEST) != REQUEST) {
                throw new IOException(SocketCalls.failure("write(sock_diag request)", LinuxSyscalls.errno()));
            }
            return readDump(fd, buffer, ownInode, sink);
        } finally {
            buffer.free();
            LinuxSyscalls.close(fd);
        }
    }

    private static int readDump(int fd, NativeBuffer buffer, LongPredicate ownInode, TcpSocketSink sink)
            throws IOException {
        ByteBuffer bytes = buffer.bytes;
        int sockets = 0;
        while (true) {
            long n = LinuxSyscalls.read(fd, buffer.address, BUFFER);
            if (n < 0) {
                int errno = LinuxSyscalls.errno();
                if (errno == 4) { // EINTR
                    continue;
                }
                throw new IOException(SocketCalls.failure("read(sock_diag dump)", errno));
            }
            if (n == 0) {
                throw new IOException("read(sock_diag dump): the kernel closed the dump before its end");
            }
            for (int at = 0; at + HEADER <= n; ) {
                int length = bytes.getInt(at);
                int type = bytes.getShort(at + 4);
                if (type == NLMSG_DONE) {
                    return sockets;
                }
                if (type == NLMSG_ERROR) {
                    throw new IOException(SocketCalls.failure("sock_diag dump", -bytes.getInt(at + HEADER)));
                }
                if (type == SOCK_DIAG_BY_FAMILY && length >= HEADER + 72) {
                    sockets++;
                    socket(bytes, at + HEADER, ownInode, sink);
                }
                if (length < HEADER) {
                    throw new IOException("sock_diag dump: a message of " + length + " bytes");
                }
                at += (length + 3) & ~3;
            }
        }
    }

    /** One {@code struct inet_diag_msg}: family, state, then ports and addresses in network order, inode. */
    private static void socket(ByteBuffer bytes, int at, LongPredicate ownInode, TcpSocketSink sink) {
        long inode = bytes.getInt(at + 68) & 0xffffffffL;
        if (inode == 0 || !ownInode.test(inode)) {
            return;
        }
        int state = bytes.get(at + 1);
        boolean ipv6 = bytes.get(at) == LinuxSyscalls.AF_INET6;
        ByteBuffer network = bytes.duplicate().order(ByteOrder.BIG_ENDIAN);
        int localPort = network.getShort(at + 4) & 0xffff;
        int remotePort = network.getShort(at + 6) & 0xffff;
        sink.socket(state, address(bytes, at + 8, ipv6, localPort), address(bytes, at + 24, ipv6, remotePort), inode);
    }

    private static InetSocketAddress address(ByteBuffer bytes, int at, boolean ipv6, int port) {
        byte[] ip = new byte[ipv6 ? 16 : 4];
        for (int i = 0; i < ip.length; i++) {
            ip[i] = bytes.get(at + i);
        }
        try {
            // An IPv4-mapped IPv6 address (a dual-stack Java socket) comes back as the IPv4 address.
            return new InetSocketAddress(InetAddress.getByAddress(ip), port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // 4 or 16 bytes: cannot happen
        }
    }
}
