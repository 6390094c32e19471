package io.tcpshake.exporter;

import io.prometheus.client.Collector;
import io.tcpshake.core.Outcome;
import io.tcpshake.core.monitor.LatencySummary;
import io.tcpshake.core.monitor.MonitorView;
import io.tcpshake.core.monitor.Target;
import io.tcpshake.core.monitor.TargetSnapshot;
import io.tcpshake.core.monitor.TargetState;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;

/**
 * The figures a scrape writes of each target, copied into arrays (about 80 bytes a target) when the scrape
 * begins, one target's snapshot at a time ({@link MonitorView#forEachTarget}): the monitor makes a target's
 * snapshot when it is read, objects of its own of about 600 bytes a target (59 MB at 100,000 targets), so a
 * scrape that took every target's snapshot first held them all while it copied them, and one that kept them
 * held them for as long as its client took to read the text. Here each is garbage once copied.
 */
final class TargetColumns {
    private static final Outcome[] OUTCOMES = Outcome.values();

    // Filled by add(), then read only: the arrays have room for at least size targets.
    int size;
    Target[] targets;
    TargetState[] states;
    /** Checks by outcome, {@code OUTCOMES.length} per target, in {@link Outcome} order. */
    long[] checks;
    long[] stateChanges;
    /** Unix seconds. */
    double[] stateSince;
    /** Unix seconds of the latest check, for the targets in {@link #checked}. */
    double[] lastCheckTime;
    /** Whether the latest check was up, for the targets in {@link #checked}. */
    boolean[] lastCheckUp;
    /** The positions of the targets checked at least once, in order (exactly as many). */
    int[] checked;
    /** The positions of the targets with a histogram, in order (exactly as many), and their latencies. */
    int[] withHistogram;
    /** Null for the targets without a histogram. */
    LatencySummary[] latency;
    private int checkedCount;
    private int histogramCount;

    private TargetColumns(int capacity) {
        targets = new Target[capacity];
        states = new TargetState[capacity];
        checks = new long[capacity * OUTCOMES.length];
        stateChanges = new long[capacity];
        stateSince = new double[capacity];
        lastCheckTime = new double[capacity];
        lastCheckUp = new boolean[capacity];
        checked = new int[capacity];
        withHistogram = new int[capacity];
        latency = new LatencySummary[capacity];
    }

    /**
     * Every target's figures, in one pass over the monitor's targets, sized for the count it gives (and grown
     * when targets were added in between).
     */
    static TargetColumns of(MonitorView monitor, Histograms histograms) {
        TargetColumns columns = new TargetColumns(monitor.targetCount());
        monitor.forEachTarget(target -> columns.add(target, histograms));
        columns.checked = Arrays.copyOf(columns.checked, columns.checkedCount);
        columns.withHistogram = Arrays.copyOf(columns.withHistogram, columns.histogramCount);
        return columns;
    }

    private void add(TargetSnapshot target, Histograms histograms) {
        if (size == targets.length) {
            grow(Math.max(16, size + (size >> 1)));
        }
        int i = size++;
        copy(i, target);
        if (target.lastResult() != null) {
            checked[checkedCount++] = i;
        }
        if (histograms.isOn(target.name())) {
            withHistogram[histogramCount++] = i;
            latency[i] = target.latency();
        }
    }

    private void grow(int capacity) {
        targets = Arrays.copyOf(targets, capacity);
        states = Arrays.copyOf(states, capacity);
        checks = Arrays.copyOf(checks, capacity * OUTCOMES.length);
        stateChanges = Arrays.copyOf(stateChanges, capacity);
        stateSince = Arrays.copyOf(stateSince, capacity);
        lastCheckTime = Arrays.copyOf(lastCheckTime, capacity);
        lastCheckUp = Arrays.copyOf(lastCheckUp, capacity);
        checked = Arrays.copyOf(checked, capacity);
        withHistogram = Arrays.copyOf(withHistogram, capacity);
        latency = Arrays.copyOf(latency, capacity);
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
