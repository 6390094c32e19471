package io.tcpshake.core.monitor;

import io.tcpshake.core.CheckResult;
import io.tcpshake.core.EngineInfo;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What outputs (MBeans, JFR, the Prometheus exporter) need of a monitor: snapshots to read and events to
 * hear. Reading never waits on a check, a lookup or the loop.
 */
public interface MonitorView {
    /** Every target's state now, in the order targets were added. */
    MonitorSnapshot snapshot();

    /** One target's state now, empty when no target has that name. */
    Optional<TargetSnapshot> snapshot(String targetName);

    /** Starts calling {@code listener}; see {@link MonitorListener} for threads and order. */
    void addListener(MonitorListener listener);

    void removeListener(MonitorListener listener);

    /**
     * Checks {@code targetName} now, outside its schedule; the result counts like a scheduled one.
     *
     * @throws IllegalArgumentException when no target has that name
     */
    CompletableFuture<CheckResult> checkNow(String targetName);

    /** The checker's engine, for outputs that show it. */
    EngineInfo engineInfo();
}
