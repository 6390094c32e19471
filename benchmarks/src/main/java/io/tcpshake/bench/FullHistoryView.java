package io.tcpshake.bench;

import io.tcpshake.core.CheckResult;
import io.tcpshake.core.EngineInfo;
import io.tcpshake.core.Outcome;
import io.tcpshake.core.monitor.MonitorListener;
import io.tcpshake.core.monitor.MonitorSnapshot;
import io.tcpshake.core.monitor.MonitorView;
import io.tcpshake.core.monitor.RecentResults;
import io.tcpshake.core.monitor.TargetSnapshot;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/**
 * A monitor as it looks after an hour of checks: every target's recent results are a full history of
 * {@link io.tcpshake.core.monitor.Monitor#DEFAULT_RECENT_RESULTS} answered checks with varied latencies,
 * the rest is the real monitor's. For the status page's size at steady state without making the checks.
 */
final class FullHistoryView implements MonitorView {
    private final MonitorView monitor;
    private final RecentResults full;

    FullHistoryView(MonitorView monitor, int capacity) {
        this.monitor = monitor;
        Outcome[] outcomes = new Outcome[capacity];
        Arrays.fill(outcomes, Outcome.UP);
        int[] latencyMicros = new int[capacity];
        Random random = new Random(42);
        for (int i = 0; i < capacity; i++) {
            latencyMicros[i] = 100 + random.nextInt(400);
        }
        this.full = new RecentResults(outcomes, latencyMicros, capacity);
    }

    @Override
    public RecentResults recentResults(String targetName) {
        return full;
    }

    @Override
    public MonitorSnapshot snapshot() {
        return monitor.snapshot();
    }

    @Override
    public Optional<TargetSnapshot> snapshot(String targetName) {
        return monitor.snapshot(targetName);
    }

    @Override
    public void addListener(MonitorListener listener) {
        monitor.addListener(listener);
    }

    @Override
    public void removeListener(MonitorListener listener) {
        monitor.removeListener(listener);
    }

    @Override
    public CompletableFuture<CheckResult> checkNow(String targetName) {
        return monitor.checkNow(targetName);
    }

    @Override
    public EngineInfo engineInfo() {
        return monitor.engineInfo();
    }
}
