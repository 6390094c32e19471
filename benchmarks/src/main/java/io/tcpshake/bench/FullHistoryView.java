package io.tcpshake.bench;

import io.tcpshake.core.Outcome;
import io.tcpshake.core.monitor.MonitorView;
import io.tcpshake.core.monitor.RecentResults;
import java.util.Arrays;
import java.util.Random;

/**
 * A monitor as it looks after an hour of checks: every target's recent results are a full history of
 * {@link io.tcpshake.core.monitor.Monitor#STATUS_PAGE_RECENT_RESULTS} answered checks with varied latencies,
 * the rest is the real monitor's. For the status page's size at steady state without making the checks.
 */
final class FullHistoryView extends ForwardingView {
    private final RecentResults full;

    FullHistoryView(MonitorView monitor, int capacity) {
        super(monitor);
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
}
