package io.tcpshake.exporter;

import io.prometheus.client.Collector;
import io.tcpshake.core.Outcome;
import io.tcpshake.core.monitor.LatencySummary;
import io.tcpshake.core.monitor.Target;
import io.tcpshake.core.monitor.TargetSnapshot;
import io.tcpshake.core.monitor.TargetState;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The figures a scrape writes of each target, copied out of one snapshot into arrays (about 80 bytes a target)
 * when the scrape begins. The scrape then lets the snapshot go: the monitor makes a target's snapshot when it
 * is read, so a scrape's snapshot is objects of its own, about 600 bytes a target (59 MB at 100,000 targets),
 * which a scrape would otherwise hold for as long as its client takes to read the text.
 */
final class TargetColumns {
    private static final Outcome[] OUTCOMES = Outcome.values();

    final int size;
    final Target[] targets;
    final TargetState[] states;
    /** Checks by outcome, {@code OUTCOMES.length} per target, in {@link Outcome} order. */
    final long[] checks;
    final long[] stateChanges;
    /** Unix seconds. */
    final double[] stateSince;
    /** Unix seconds of the latest check, for the targets in {@link #checked}. */
    final double[] lastCheckTime;
    /** Whether the latest check was up, for the targets in {@link #checked}. */
    final boolean[] lastCheckUp;
    /** The positions of the targets checked at least once, in order. */
    final int[] checked;
    /** The positions of the targets with a histogram, in order, and their latencies (null for the others). */
    final int[] withHistogram;
    final LatencySummary[] latency;

    private TargetColumns(int size, int[] checked, int[] withHistogram) {
        this.size = size;
        this.targets = new Target[size];
        this.states = new TargetState[size];
        this.checks = new long[size * OUTCOMES.length];
        this.stateChanges = new long[size];
        this.stateSince = new double[size];
        this.lastCheckTime = new double[size];
        this.lastCheckUp = new boolean[size];
        this.checked = checked;
        this.withHistogram = withHistogram;
        this.latency = new LatencySummary[size];
    }

    static TargetColumns of(List<TargetSnapshot> snapshots, Histograms histograms) {
        int n = snapshots.size();
        int[] checked = new int[n];
        int[] withHistogram = new int[n];
        int checkedCount = 0;
        int histogramCount = 0;
        for (int i = 0; i < n; i++) {
            TargetSnapshot target = snapshots.get(i);
            if (target.lastResult() != null) {
                checked[checkedCount++] = i;
            }
            if (histograms.isOn(target.name())) {
                withHistogram[histogramCount++] = i;
            }
        }
        TargetColumns columns = new TargetColumns(n, Arrays.copyOf(checked, checkedCount),
                Arrays.copyOf(withHistogram, histogramCount));
        for (int i = 0; i < n; i++) {
            columns.copy(i, snapshots.get(i));
        }
        for (int i : columns.withHistogram) {
            columns.latency[i] = snapshots.get(i).latency();
        }
        return columns;
    }

    private void copy(int i, TargetSnapshot target) {
        targets[i] = target.target();
        states[i] = target.state();
        Map<Outcome, Long> byOutcome = target.checksByOutcome();
        for (int o = 0; o < OUTCOMES.length; o++) {
            Long count = byOutcome.get(OUTCOMES[o]);
            checks[i * OUTCOMES.length + o] = count == null ? 0 : count;
        }
        stateChanges[i] = target.stateChanges();
        stateSince[i] = epochSeconds(target.stateSince());
        if (target.lastResult() != null) {
            lastCheckUp[i] = target.lastResult().isUp();
            lastCheckTime[i] = epochSeconds(target.lastCheckTime());
        }
    }

    /** Unix seconds, as the timestamp series give them. */
    static double epochSeconds(Instant instant) {
        return instant.getEpochSecond() + instant.getNano() / Collector.NANOSECONDS_PER_SECOND;
    }
}
