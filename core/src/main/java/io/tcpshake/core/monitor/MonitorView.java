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

    /**
     * The outcome and latency of the target's last checks, oldest first; {@link RecentResults#NONE} when no
     * target has that name, or this view keeps none.
     */
    default RecentResults recentResults(String targetName) {
        return RecentResults.NONE;
    }

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
