package io.tcpshake.core.monitor;

import io.tcpshake.core.CheckResult;
import io.tcpshake.core.EngineInfo;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

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
     * Calls {@code each} with every target's state, in the order targets were added, one target at a time, so
     * that a reader that keeps a few figures of each target never holds every target's snapshot at once (at
     * 100,000 targets those are about 60 MB). It reads what {@link #snapshot()} reads: the targets the monitor
     * has as the call begins (one added meanwhile is not read; one removed meanwhile is, with its last state),
     * each target's figures consistent among themselves, the targets read one after another rather than at
     * one instant; here {@code each} runs between two targets' reads, so they are further apart. The default
     * goes through {@link #snapshot()}.
     */
    default void forEachTarget(Consumer<? super TargetSnapshot> each) {
        snapshot().targets().forEach(each);
    }

    /**
     * The number of targets now, as {@code snapshot().targets().size()}: a size to plan a
     * {@link #forEachTarget} for, which may call {@code each} more or fewer times when targets change between
     * the two calls.
     */
    default int targetCount() {
        return snapshot().targets().size();
    }

    /** Checks started and not yet finished, over all targets, now: {@link MonitorSnapshot#checksInFlight()}. */
    default int checksInFlight() {
        return snapshot().checksInFlight();
    }

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

    /**
     * One check of {@code address} that belongs to no target (a blackbox-style probe): on the monitor's loop,
     * under its caps, counted in no target. A view that makes no such checks (the default) fails the future
     * with {@link UnsupportedOperationException}.
     *
     * @param address a resolved address: resolve a name with {@link #resolve} first and decide on the address
     */
    default CompletableFuture<CheckResult> probe(InetSocketAddress address, Duration timeout) {
        return CompletableFuture.failedFuture(
                new UnsupportedOperationException("this monitor makes no one-off checks"));
    }

    /**
     * The addresses of {@code host} as the monitor resolves its targets' names; the future fails with the
     * resolver's {@link java.net.UnknownHostException}, or a {@link java.util.concurrent.TimeoutException}
     * after {@code timeout}. A view without a resolver (the default) fails it with
     * {@link UnsupportedOperationException}.
     */
    default CompletableFuture<InetAddress[]> resolve(String host, Duration timeout) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("this monitor resolves no names"));
    }
}
