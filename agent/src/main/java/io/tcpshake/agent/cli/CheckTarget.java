package io.tcpshake.agent.cli;

import io.tcpshake.core.HostPort;
import java.net.InetSocketAddress;

/**
 * One {@code -a} address, resolved once before the checks start: either the IP address to check, or why
 * its name did not resolve (then each of its checks is a RESOLVE_FAILED result).
 */
final class CheckTarget {
    private final String label;
    private final InetSocketAddress given;
    private final InetSocketAddress resolved;
    private final String resolveFailure;
    private final long resolveNanos;

    private CheckTarget(InetSocketAddress given, InetSocketAddress resolved, String resolveFailure, long resolveNanos) {
        this.label = HostPort.format(given);
        this.given = given;
        this.resolved = resolved;
        this.resolveFailure = resolveFailure;
        this.resolveNanos = resolveNanos;
    }

    static CheckTarget resolved(InetSocketAddress given, InetSocketAddress resolved) {
        return new CheckTarget(given, resolved, null, 0);
    }

    static CheckTarget unresolvable(InetSocketAddress given, String why, long resolveNanos) {
        return new CheckTarget(given, null, why, resolveNanos);
    }

    /** The address as the user gave it (IP literals normalized): {@code db:5432}, {@code [::1]:6379}. */
    String label() {
        return label;
    }

    /** The address as parsed, unresolved for a host name. */
    InetSocketAddress given() {
        return given;
    }

    /** The IP address checked, or null when the name did not resolve. */
    InetSocketAddress resolved() {
        return resolved;
    }

    /** Whether the user gave a host name (so the IP checked is worth showing next to it). */
    boolean isName() {
        return given.isUnresolved();
    }

    /** Why the name did not resolve, or null. */
    String resolveFailure() {
        return resolveFailure;
    }

    /** How long the failed resolution took: the latency of each of this target's RESOLVE_FAILED results. */
    long resolveNanos() {
        return resolveNanos;
    }
}
