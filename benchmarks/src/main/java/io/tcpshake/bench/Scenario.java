package io.tcpshake.bench;

import java.net.InetSocketAddress;

/** One way of checking a TCP endpoint many times with a given number of checks in flight. */
interface Scenario {
    /** Short name shown in the table, e.g. {@code tcpshake-epoll}. */
    String name();

    /** Whether this scenario can run here; when not, {@link #unavailableReason()} says why. */
    default boolean available() {
        return unavailableReason() == null;
    }

    /** Why the scenario cannot run here, or null. */
    default String unavailableReason() {
        return null;
    }

    /** The largest number of checks this scenario should be asked for (full connections exhaust ports). */
    default long maxChecks() {
        return Long.MAX_VALUE;
    }

    /** Runs {@code checks} checks of {@code target} keeping {@code inFlight} in flight. */
    Measurement run(InetSocketAddress target, long checks, int inFlight) throws Exception;
}
