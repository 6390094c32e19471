package io.tcpshake.core;

import java.net.InetAddress;
import java.net.InetSocketAddress;
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
    /**
     * The address of an IP literal host with the port, null for a name (resolved per check). Kept whole, not
     * as its {@link InetAddress}: every check of the literal, and every snapshot's result, shares this one
     * immutable value. (An IPv4 address kept as an int saves 88 B per target, but then each check and each
     * result a snapshot holds needs an address of its own: a scrape of 100,000 targets held 20 MB more.)
     * Its {@link InetAddress} is shared by the endpoints of one literal made lately, see {@link LiteralAddresses}.
     */
    private final InetSocketAddress literal;

    Endpoint(String host, int port, InetAddress literal) {
        this.host = host;
        this.port = port;
        this.literal = literal == null ? null : new InetSocketAddress(literal, port);
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
        return literal == null;
    }

    /**
     * What a check connects to: the resolved address of an IP literal (the same instance on every call), or
     * an unresolved address holding the name and port.
     */
    public InetSocketAddress socketAddress() {
        return literal != null ? literal : InetSocketAddress.createUnresolved(host, port);
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
