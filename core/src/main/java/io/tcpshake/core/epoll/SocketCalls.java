package io.tcpshake.core.epoll;

import static io.tcpshake.core.epoll.LinuxSyscalls.AF_INET;
import static io.tcpshake.core.epoll.LinuxSyscalls.AF_INET6;
import static io.tcpshake.core.epoll.LinuxSyscalls.AF_UNSPEC;
import static io.tcpshake.core.epoll.LinuxSyscalls.IPPROTO_TCP;
import static io.tcpshake.core.epoll.LinuxSyscalls.SOCK_CLOEXEC;
import static io.tcpshake.core.epoll.LinuxSyscalls.SOCK_NONBLOCK;
import static io.tcpshake.core.epoll.LinuxSyscalls.SOCK_STREAM;
import static io.tcpshake.core.epoll.LinuxSyscalls.SOL_SOCKET;
import static io.tcpshake.core.epoll.LinuxSyscalls.SO_ERROR;
import static io.tcpshake.core.epoll.LinuxSyscalls.SO_LINGER;
import static io.tcpshake.core.epoll.LinuxSyscalls.TCP_DEFER_ACCEPT;

import io.tcpshake.core.Errno;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * The socket system calls of one check, over native buffers allocated once (option values, the
 * destination address, the {@code AF_UNSPEC} address of a disconnect). Loop thread only.
 *
 * <p>Every call returns a negative errno on failure instead of throwing: a failing call is the result of
 * one check, never a failure of the loop.
 */
final class SocketCalls {
    /** sockaddr_in6 is the largest address written here (28 bytes). */
    private static final int ADDRESS_CAPACITY = 28;

    private final NativeBuffer oneInt = new NativeBuffer(4);
    private final NativeBuffer lingerZero = new NativeBuffer(8);
    private final NativeBuffer errorValue = new NativeBuffer(4);
    private final NativeBuffer errorLength = new NativeBuffer(4);
    private final NativeBuffer unspecified = new NativeBuffer(16);
    private final NativeBuffer destination = new NativeBuffer(ADDRESS_CAPACITY);
    private InetSocketAddress encoded;
    private int encodedLength;

    SocketCalls() {
        oneInt.bytes.putInt(0, 1);
        lingerZero.bytes.putInt(0, 1).putInt(4, 0); // struct linger {l_onoff = 1, l_linger = 0}
        unspecified.bytes.putShort(0, (short) AF_UNSPEC);
    }

    static int familyOf(InetSocketAddress address) {
        return address.getAddress() instanceof Inet6Address ? AF_INET6 : AF_INET;
    }

    /**
     * A non-blocking, close-on-exec TCP socket for a FIN check: its close sends FIN. Returns the descriptor
     * or -errno ({@code EMFILE} when the table is full).
     */
    int openSocket(int family) {
        int fd = LinuxSyscalls.socket(family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        return fd < 0 ? -LinuxSyscalls.errno() : fd;
    }

    /**
     * A socket for half-open checks, set up once for all the checks it will serve. Returns the descriptor or
     * -errno.
     * <ul>
     *   <li>SO_LINGER {1, 0}: its close sends RST and frees it at once (a socket whose state is unclear is
     *       closed, never reused).</li>
     *   <li>{@code TCP_DEFER_ACCEPT} 1: the kernel delays the handshake's final ACK (up to 200 ms,
     *       {@code TCP_DELACK_MAX}), so the RST of the check goes out first and the target never sees a
     *       connection. On a connecting socket the option has that one effect: {@code
     *       tcp_rcv_synsent_state_process} delays the ACK when {@code rskq_defer_accept} is set, on the same
     *       branch as {@code TCP_QUICKACK} 0 (pingpong mode). Unlike {@code TCP_QUICKACK}, which every
     *       disconnect clears and so would cost a {@code setsockopt} per check, it survives {@code
     *       connect(AF_UNSPEC)}: set once here, it holds for every check of the socket (the wire test of
     *       1,000 checks through 4 sockets shows no ACK from the client).</li>
     * </ul>
     */
    int openHalfOpenSocket(int family) {
        int fd = openSocket(family);
        if (fd < 0) {
            return fd;
        }
        if (LinuxSyscalls.setsockopt(fd, SOL_SOCKET, SO_LINGER, lingerZero.address, 8) < 0
                || LinuxSyscalls.setsockopt(fd, IPPROTO_TCP, TCP_DEFER_ACCEPT, oneInt.address, 4) < 0) {
            int errno = LinuxSyscalls.errno();
            LinuxSyscalls.close(fd);
            return -errno;
        }
        return fd;
    }

    /** Starts a non-blocking connect: 0 when connected at once, -EINPROGRESS (the normal case) or -errno. */
    int connect(int fd, InetSocketAddress address) {
        int length = encode(address);
        return LinuxSyscalls.connect(fd, destination.address, length) < 0 ? -LinuxSyscalls.errno() : 0;
    }

    /**
     * {@code connect(fd, {AF_UNSPEC})}: sends RST on an established socket, silently aborts one in SYN_SENT,
     * and leaves it in CLOSE, ready for the next connect (which takes a new ephemeral port). 0 or -errno.
     */
    int disconnect(int fd) {
        return LinuxSyscalls.connect(fd, unspecified.address, 16) < 0 ? -LinuxSyscalls.errno() : 0;
    }

    /** The pending error of the socket, cleared by reading it (so read once): 0, an errno, or -errno. */
    int takeError(int fd) {
        errorLength.bytes.putInt(0, 4);
        if (LinuxSyscalls.getsockopt(fd, SOL_SOCKET, SO_ERROR, errorValue.address, errorLength.address) < 0) {
            return -LinuxSyscalls.errno();
        }
        return errorValue.bytes.getInt(0);
    }

    static void close(int fd) {
        LinuxSyscalls.close(fd);
    }

    /** "socket() failed: Too many open files" */
    static String failure(String call, int errno) {
        return call + " failed: " + Errno.describe(errno);
    }

    void free() {
        oneInt.free();
        lingerZero.free();
        errorValue.free();
        errorLength.free();
        unspecified.free();
        destination.free();
    }

    /** Writes sockaddr_in or sockaddr_in6; the same address object checked again is not encoded again. */
    private int encode(InetSocketAddress address) {
        if (address == encoded) {
            return encodedLength;
        }
        ByteBuffer bytes = destination.bytes;
        InetAddress ip = address.getAddress();
        int port = address.getPort();
        for (int i = 0; i < ADDRESS_CAPACITY; i++) {
            bytes.put(i, (byte) 0);
        }
        if (ip instanceof Inet4Address) {
            bytes.putShort(0, (short) AF_INET);
            putPort(bytes, port);
            byte[] raw = ip.getAddress();
            for (int i = 0; i < 4; i++) {
                bytes.put(4 + i, raw[i]);
            }
            encodedLength = 16;
        } else {
            bytes.putShort(0, (short) AF_INET6);
            putPort(bytes, port);
            byte[] raw = ip.getAddress();
            for (int i = 0; i < 16; i++) {
                bytes.put(8 + i, raw[i]);
            }
            bytes.putInt(24, ((Inet6Address) ip).getScopeId());
            encodedLength = 28;
        }
        encoded = address;
        return encodedLength;
    }

    private static void putPort(ByteBuffer bytes, int port) {
        bytes.put(2, (byte) (port >>> 8)); // network byte order
        bytes.put(3, (byte) port);
    }
}
