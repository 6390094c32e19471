package io.tcpshake.core;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A target's address as a value: the host as the user wrote it (IPv6 without brackets), the port, and the
 * IP address when the host is an IP literal. Parsed once, where the text comes in (targets.yaml, a library
 * call), and carried as this value to the monitor and every output; its text, {@code db.internal:5432},
 * {@code 127.0.0.1:80} or {@code [::1]:6379}, is made by {@link HostPort#format(String, int)} when asked (a
 * monitor holds an endpoint per target and shows few at a time: the text is not kept).
 *
 * <p>The host keeps the user's spelling so a target is named and shown as written: {@code [0:0:0:0:0:0:0:1]:80}
 * stays so, while its check goes to {@code ::1}. Two endpoints are equal when host text and port are.
 */
public final class Endpoint {
    private final String host;
    private final int port;
    /** Whether the host is an IPv4 literal, whose address is {@link #ipv4}. */
    private final boolean isIpv4;
    /** An IPv4 literal's address, big-endian as on the wire. */
    private final int ipv4;
    /** An IPv6 literal's address (with its zone), null for IPv4 and for a name (resolved per check). */
    private final InetAddress ipv6;

    /**
     * An IPv4 literal is kept as an int: a monitor holds an endpoint per target, and an {@link InetAddress}
     * with its {@link InetSocketAddress} costs 96 B where the int costs 4; the address is made again for
     * each check (a few short-lived objects).
     */
    Endpoint(String host, int port, InetAddress literal) {
        this.host = host;
        this.port = port;
        this.isIpv4 = literal instanceof Inet4Address;
        this.ipv4 = isIpv4 ? ByteBuffer.wrap(literal.getAddress()).getInt() : 0;
        this.ipv6 = isIpv4 ? null : literal;
    }

    /**
     * Parses {@code host:port}: {@code db.internal:5432}, {@code 127.0.0.1:80}, {@code [::1]:6379}.
     *
     * @throws IllegalArgumentException naming the value and what is wrong with it (see {@link HostPort#parse})
     */
    public static Endpoint parse(String hostPort) {
        return HostPort.endpoint(hostPort);
    }

    /**
     * The endpoint at {@code host} (a name or an IP literal; IPv6 with or without brackets) and {@code port}.
     *
     * @throws IllegalArgumentException when the host breaks a rule of {@link HostPort#requireHost} or the port
     *     is outside 1..65535
     */
    public static Endpoint of(String host, int port) {
        return HostPort.endpoint(host, port);
    }

    /** The host as written: a name, or an IP literal (IPv6 without brackets). */
    public String host() {
        return host;
    }

    /** The TCP port, 1..65535. */
    public int port() {
        return port;
    }

    /** Whether the host is a name that a check resolves first (not an IP literal). */
    public boolean isName() {
        return !isIpv4 && ipv6 == null;
    }

    /**
     * What a check connects to: the resolved address of an IP literal, or an unresolved address holding the
     * name and port. A new (equal) value on each call.
     */
    public InetSocketAddress socketAddress() {
        if (isIpv4) {
            try {
                byte[] bytes = {(byte) (ipv4 >>> 24), (byte) (ipv4 >>> 16), (byte) (ipv4 >>> 8), (byte) ipv4};
                return new InetSocketAddress(InetAddress.getByAddress(bytes), port);
            } catch (UnknownHostException e) {
                throw new AssertionError("4 bytes make an IPv4 address", e);
            }
        }
        return ipv6 != null ? new InetSocketAddress(ipv6, port) : InetSocketAddress.createUnresolved(host, port);
    }

    /** {@code host:port}, IPv6 in brackets: {@code db.internal:5432}, {@code [::1]:6379}. */
    @Override
    public String toString() {
        return HostPort.format(host, port);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Endpoint)) {
            return false;
        }
        Endpoint e = (Endpoint) o;
        return port == e.port && host.equals(e.host);
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, port);
    }
}
