package io.tcpshake.core.config;

import java.time.Instant;
import java.util.Map;

/**
 * Discovery behind a running monitor, as outputs show it (the Monitor MBean, the status page): whether it
 * runs, and the targets it found with when each was last seen connected. Implemented by the agent.
 */
public interface DiscoveryStatus {
    /** {@link #state()} when discovery was not asked for. */
    String OFF = "off";

    /**
     * One line: {@code on: every 10s, 3 targets, last scan 0.4 ms (...)}, {@link #OFF} when not asked for,
     * or {@code off: cannot read this JVM's sockets (...)} when it could not run here.
     */
    String state();

    /** The discovered targets by name, each with when it was last seen connected; empty when off. */
    Map<String, Instant> lastSeen();
}
