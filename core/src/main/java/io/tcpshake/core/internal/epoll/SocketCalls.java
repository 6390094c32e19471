package io.tcpshake.core.internal.epoll;

import static io.tcpshake.core.internal.epoll.LinuxSyscalls.AF_INET;
import static io.tcpshake.core.internal.epoll.LinuxSyscalls.AF_INET6;
import static io.tcpshake.core.internal.epoll.LinuxSyscalls.AF_UNSPEC;
import static io.tcpshake.core.internal.epoll.LinuxSyscalls.IPPROTO_TCP;
import static io.tcpshake.core.internal.epoll.LinuxSyscalls.SOCK_CLOEXEC;
import static io.tcpshake.core.internal.epoll.LinuxSyscalls.SOCK_DGRAM;
import static io.tcpshake.core.internal.epoll.LinuxSyscalls.SOCK_NONBLOCK;
import static io.tcpshake.core.internal.epoll.LinuxSyscalls.SOCK_STREAM;
import static io.tcpshake.core.internal.epoll.LinuxSyscalls.SOL_SOCKET;
import static io.tcpshake.core.internal.epoll.LinuxSyscalls.SO_ERROR;
import static io.tcpshake.core.internal.epoll.LinuxSyscalls.SO_LINGER;
import static io.tcpshake.core.internal.epoll.LinuxSyscalls.TCP_CONGESTION;
import static io.tcpshake.core.internal.epoll.LinuxSyscalls.TCP_DEFER_ACCEPT;

import io.tcpshake.core.Errno;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
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
    /**
     * The congestion control of a half-open socket: Reno, the kernel's own, built in and open to every
     * process ({@code TCP_CONG_NON_RESTRICTED}). A check sends no data, so what a congestion control does
     * per connection is pure cost: with BBR (a common default) its init, state changes and per-ACK model
     * were about 2.5 % of the loop's CPU per check on loopback; Reno does nothing for a handshake.
     */
    static final String HALF_OPEN_CONGESTION_CONTROL = "reno";

    private final NativeBuffer oneInt = new NativeBuffer(4);
    private final NativeBuffer lingerZero = new NativeBuffer(8);
    private final NativeBuffer congestionControl = new NativeBuffer(HALF_OPEN_CONGESTION_CONTROL.length());
    private final NativeBuffer errorValue = new NativeBuffer(4);
    private final NativeBuffer errorLength = new NativeBuffer(4);
    private final NativeBuffer unspecified = new NativeBuffer(16);
    private final NativeBuffer destination = new NativeBuffer(ADDRESS_CAPACITY);
    private final NativeBuffer local = new NativeBuffer(ADDRESS_CAPACITY);
    private final NativeBuffer localLength = new NativeBuffer(4);
    private InetSocketAddress encoded;
    private int encodedLength;

    SocketCalls() {
        oneInt.bytes.putInt(0, 1);
        lingerZero.bytes.putInt(0, 1).putInt(4, 0); // struct linger {l_onoff = 1, l_linger = 0}
        for (int i = 0; i < HALF_OPEN_CONGESTION_CONTROL.length(); i++) {
            congestionControl.bytes.put(i, (byte) HALF_OPEN_CONGESTION_CONTROL.charAt(i));
        }
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
     *   <li>{@code TCP_CONGESTION} {@value #HALF_OPEN_CONGESTION_CONTROL}, which also survives the disconnect:
     *       the cheapest congestion control for connections that carry no data. Where it is refused, the
     *       socket keeps the system's default; nothing else changes.</li>
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
        LinuxSyscalls.setsockopt(fd, IPPROTO_TCP, TCP_CONGESTION, congestionControl.address,
                HALF_OPEN_CONGESTION_CONTROL.length());
        return fd;
    }

    /**
     * Binds {@code fd} to {@code source} and a free port of its own, kept for every check the socket serves.
     * Returns the port, or -errno (the socket is then still unbound and usable as such).
     *
     * <p>Only an explicit port survives {@code connect(AF_UNSPEC)} ({@code SOCK_BINDPORT_LOCK}): a socket
     * bound to port 0 gives its port back at every disconnect. So a probe socket binds port 0, which lets
     * the kernel pick a free port by its own rules ({@code ip_local_port_range}, {@code
     * ip_local_reserved_ports}, ports in use), and closes; {@code fd} then binds that port explicitly.
     * Another socket may take the port in between: then the probe runs again, a few times.
     */
    int bindToOwnPort(int fd, int family, InetAddress source) {
        int length = write(local.bytes, source, 0);
        int errno = Errno.EADDRINUSE;
        for (int attempt = 0; attempt < 3 && errno == Errno.EADDRINUSE; attempt++) {
            int port = freePort(family, length);
            if (port < 0) {
                return port;
            }
            putPort(local.bytes, port);
            if (LinuxSyscalls.bind(fd, local.address, length) == 0) {
                return port;
            }
            errno = LinuxSyscalls.errno();
            putPort(local.bytes, 0);
        }
        return -errno;
    }

    /** A port free on the address in {@link #local} (port 0 there), or -errno. */
    private int freePort(int family, int length) {
        int probe = LinuxSyscalls.socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (probe < 0) {
            return -LinuxSyscalls.errno();
        }
        try {
            if (LinuxSyscalls.bind(probe, local.address, length) < 0 || localName(probe) < 0) {
                return -LinuxSyscalls.errno();
            }
            return ((local.bytes.get(2) & 0xff) << 8) | (local.bytes.get(3) & 0xff);
        } finally {
            LinuxSyscalls.close(probe);
        }
    }

    /**
     * The local address the kernel would pick for a connection to {@code destination}, found without a
     * packet: a UDP socket's {@code connect} only selects the route and source. Null when there is no route
     * or the address cannot be read.
     */
    InetAddress sourceFor(InetSocketAddress destination) {
        int family = familyOf(destination);
        int probe = LinuxSyscalls.socket(family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        if (probe < 0) {
            return null;
        }
        try {
            int length = encode(destination);
            if (LinuxSyscalls.connect(probe, this.destination.address, length) < 0 || localName(probe) < 0) {
                return null;
            }
            return localAddress();
        } finally {
            LinuxSyscalls.close(probe);
        }
    }

    /** The address in {@link #local}, as getsockname wrote it. */
    private InetAddress localAddress() {
        ByteBuffer bytes = local.bytes;
        int family = bytes.getShort(0);
        if (family != AF_INET && family != AF_INET6) {
            return null;
        }
        byte[] raw = new byte[family == AF_INET6 ? 16 : 4];
        int offset = family == AF_INET6 ? 8 : 4;
        for (int i = 0; i < raw.length; i++) {
            raw[i] = bytes.get(offset + i);
        }
        try {
            return InetAddress.getByAddress(raw); // numeric: no lookup
        } catch (UnknownHostException e) {
            return null; // not for a 4- or 16-byte array
        }
    }

    /** getsockname into {@link #local}: 0 or -1. */
    private int localName(int fd) {
        localLength.bytes.putInt(0, ADDRESS_CAPACITY);
        return LinuxSyscalls.getsockname(fd, local.address, localLength.address);
    }

    /** Starts a non-blocking connect: 0 when connected at once, -EINPROGRESS (the normal case) or -errno. */
    int connect(int fd, InetSocketAddress address) {
        int length = encode(address);
        return LinuxSyscalls.connect(fd, destination.address, length) < 0 ? -LinuxSyscalls.errno() : 0;
    }

    /**
     * {@code connect(fd, {AF_UNSPEC})}: sends RST on an established socket, silently aborts one in SYN_SENT,
     * and leaves it in CLOSE, ready for the next connect (on an unbound socket, with a new ephemeral port).
     * 0 or -errno.
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
        congestionControl.free();
        errorValue.free();
        errorLength.free();
        unspecified.free();
        destination.free();
        local.free();
        localLength.free();
    }

    /** Writes the destination's sockaddr; the same address object checked again is not encoded again. */
    private int encode(InetSocketAddress address) {
        if (address != encoded) {
            encodedLength = write(destination.bytes, address.getAddress(), address.getPort());
            encoded = address;
        }
        return encodedLength;
    }

    /** Writes sockaddr_in or sockaddr_in6 and returns its length. */
    private static int write(ByteBuffer bytes, InetAddress ip, int port) {
        for (int i = 0; i < ADDRESS_CAPACITY; i++) {
            bytes.put(i, (byte) 0);
        }
        byte[] raw = ip.getAddress();
        if (ip instanceof Inet4Address) {
            bytes.putShort(0, (short) AF_INET);
            putPort(bytes, port);
            for (int i = 0; i < 4; i++) {
                bytes.put(4 + i, raw[i]);
            }
            return 16;
        }
        bytes.putShort(0, (short) AF_INET6);
        putPort(bytes, port);
        for (int i = 0; i < 16; i++) {
            bytes.put(8 + i, raw[i]);
        }
        bytes.putInt(24, ((Inet6Address) ip).getScopeId());
        return 28;
    }

    private static void putPort(ByteBuffer bytes, int port) {
        bytes.put(2, (byte) (port >>> 8)); // network byte order
        bytes.put(3, (byte) port);
    }
}
