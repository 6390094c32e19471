package io.tcpshake.jmx;

import java.util.Date;
import java.util.Map;

/**
 * The whole monitor as JMX shows it, registered as {@code io.tcpshake:type=Monitor}. Open types only, so
 * JConsole, VisualVM or any JMX client reads it without tcpshake classes. Attributes read the latest
 * snapshot and never wait on a check.
 *
 * <p>The MBean also emits a {@value JmxOutput#STATE_CHANGE_TYPE} notification for every state change of
 * any target (one subscription covers targets added later); see {@link JmxOutput} for its user data.
 */
public interface MonitorMXBean {
    /** The check engine and, when it is a fallback, why: {@code epoll (JNA 5.19.1, socket reuse)}. */
    String getEngine();

    /** {@code EPOLL}, {@code NIO} or {@code RAW}. */
    String getEngineKind();

    /** Why the preferred engine is not used; empty when it is. */
    String getEngineFallbackReason();

    int getTargetCount();

    /** Names of every target, in the order they were added. */
    String[] getTargetNames();

    int getUpCount();

    int getDownCount();

    /** Targets whose first results have not decided their state yet. */
    int getUnknownCount();

    /**
     * Checks finished per second, over about the last 10 seconds of reads (or the time since the previous
     * read, when reads are further apart). Computed from {@link #getChecksTotal()}.
     */
    double getChecksPerSecond();

    /** Checks started and not finished yet. */
    int getChecksInFlight();

    /** Checks finished since the monitor started, removed targets included. */
    long getChecksTotal();

    /** The configuration file's path; empty when the monitor runs without one (library use). */
    String getConfigFile();

    /** Whether the latest load or reload of the configuration was applied; false without a file. */
    boolean isLastReloadSuccess();

    /** When the configuration was last loaded or reloaded; null without a file. */
    Date getLastReloadTime();

    /** Every error of the latest load or reload ({@code file:line:column: what}); empty when applied. */
    String[] getLastReloadErrors();

    /**
     * Discovery of the JVM's own dependencies: {@code on: every 10s, 3 targets, last scan 0.4 ms (...)},
     * {@code off}, or {@code off: cannot read this JVM's sockets (...)} when it could not run here; empty
     * without the agent (library use).
     */
    String getDiscovery();

    /** Each discovered target's name with when it was last seen connected; empty when discovery is off. */
    Map<String, Date> getDiscoveredTargets();

    /** Where the Prometheus endpoint serves metrics; empty when it does not run. */
    String getMetricsUrl();

    /**
     * Reads the configuration file again and applies it when valid.
     *
     * @return {@code applied}, the errors (the last good configuration keeps running), or
     *     {@code no configuration file}
     */
    String reload();

    /**
     * Checks one target now, outside its schedule, and waits for the result (at most the target's timeout
     * plus a second). The result counts like a scheduled one.
     *
     * @return the result, e.g. {@code 127.0.0.1:5432 UP 0.120ms} or
     *     {@code 127.0.0.1:5433 REFUSED 0.080ms ECONNREFUSED (Connection refused)}
     * @throws IllegalArgumentException when no target has that name
     */
    String checkNow(String targetName);
}
