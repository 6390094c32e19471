package io.tcpshake.bench;

import io.tcpshake.core.CheckResult;
import io.tcpshake.core.monitor.MonitorListener;
import io.tcpshake.core.monitor.TargetSnapshot;
import java.time.Instant;

/**
 * Hears every result of a monitor run and measures, per target, the gap between consecutive results
 * against the interval. Targets are named {@code t<index>}; all state is in arrays sized up front, so the
 * listener adds nothing per target to the heap measured after the targets are added.
 *
 * <p>Two gaps are measured: between the times the monitor recorded the results
 * ({@link TargetSnapshot#lastCheckTime()}, what its schedule did; "late" counts these), and between the
 * times this listener heard them (adds the delivery through the monitor's event thread).
 *
 * <p>A gap is "late" when it exceeds {@code interval * (1 + jitter) + 10 % of interval}: the schedule itself
 * spreads the next check over {@code interval * (1 ± jitter)} after the previous one started, so only what
 * goes past that window by more than a tenth of the interval is lateness.
 */
final class ResultGaps implements MonitorListener {
    /** A check this slow outlasted the kernel's delayed ACK (about 200 ms): the listener may have accepted it. */
    static final long SLOW_CHECK_NANOS = 200_000_000L;

    private final long intervalNanos;
    private final long lateAfterNanos;
    private final long[] lastResultNanos;
    private final long[] lastHeardNanos;
    private final long[] gapHistogramMillis;
    private final long[] heardGapHistogramMillis;
    private boolean counting;
    private long results;
    private long upResults;
    private long gaps;
    private long late;
    private long maxGapNanos;
    private long heardLate;
    private long slowChecks;
    private long maxLatencyNanos;
    private long maxHeardGapNanos;
    private long unknownTargets;

    ResultGaps(int targets, long intervalNanos, double jitter) {
        this.intervalNanos = intervalNanos;
        this.lateAfterNanos = (long) (intervalNanos * (1 + jitter + 0.10));
        this.lastResultNanos = new long[targets];
        this.lastHeardNanos = new long[targets];
        this.gapHistogramMillis = new long[(int) (4 * intervalNanos / 1_000_000) + 2];
        this.heardGapHistogramMillis = new long[gapHistogramMillis.length];
    }

    static String targetName(int index) {
        return "t" + index;
    }

    @Override
    public synchronized void onResult(TargetSnapshot snapshot, CheckResult result) {
        long heard = System.nanoTime();
        Instant recorded = snapshot.lastCheckTime();
        int index = indexOf(snapshot.name());
        if (index < 0 || index >= lastResultNanos.length || recorded == null) {
            unknownTargets++;
            return;
        }
        long now = recorded.getEpochSecond() * 1_000_000_000L + recorded.getNano();
        long previous = lastResultNanos[index];
        long previousHeard = lastHeardNanos[index];
        lastResultNanos[index] = now;
        lastHeardNanos[index] = heard;
        if (!counting) {
            return;
        }
        results++;
        long latency = result.latencyNanos();
        maxLatencyNanos = Math.max(maxLatencyNanos, latency);
        if (latency >= SLOW_CHECK_NANOS) {
            slowChecks++;
        }
        if (result.isUp()) {
            upResults++;
        }
        if (previous != 0) {
            long gap = now - previous;
            gaps++;
            if (gap > lateAfterNanos) {
                late++;
            }
            maxGapNanos = Math.max(maxGapNanos, gap);
            gapHistogramMillis[bucket(gap)]++;
            long heardGap = heard - previousHeard;
            if (heardGap > lateAfterNanos) {
                heardLate++;
            }
            maxHeardGapNanos = Math.max(maxHeardGapNanos, heardGap);
            heardGapHistogramMillis[bucket(heardGap)]++;
        }
    }

    private int bucket(long gapNanos) {
        return (int) Math.max(0, Math.min(gapNanos / 1_000_000, gapHistogramMillis.length - 1));
    }

    private static int indexOf(String name) {
        if (name.length() < 2 || name.charAt(0) != 't') {
            return -1;
        }
        int index = 0;
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            index = index * 10 + (c - '0');
        }
        return index;
    }

    /** From now on, results and gaps are counted. */
    synchronized void startCounting() {
        counting = true;
    }

    /** Stops counting and returns what was counted. */
    synchronized Counts stopCounting() {
        counting = false;
        Counts counts = new Counts();
        counts.results = results;
        counts.upResults = upResults;
        counts.gaps = gaps;
        counts.late = late;
        counts.lateAfterMillis = lateAfterNanos / 1e6;
        counts.maxGapMillis = maxGapNanos / 1e6;
        counts.gapP50Millis = percentileMillis(gapHistogramMillis, 0.50);
        counts.gapP99Millis = percentileMillis(gapHistogramMillis, 0.99);
        counts.gapP999Millis = percentileMillis(gapHistogramMillis, 0.999);
        counts.heardLate = heardLate;
        counts.slowChecks = slowChecks;
        counts.maxLatencyMillis = maxLatencyNanos / 1e6;
        counts.heardGapP99Millis = percentileMillis(heardGapHistogramMillis, 0.99);
        counts.heardGapP999Millis = percentileMillis(heardGapHistogramMillis, 0.999);
        counts.maxHeardGapMillis = maxHeardGapNanos / 1e6;
        counts.unknownTargets = unknownTargets;
        counts.intervalMillis = intervalNanos / 1e6;
        return counts;
    }

    private double percentileMillis(long[] histogram, double quantile) {
        long rank = (long) Math.ceil(quantile * gaps);
        long seen = 0;
        for (int ms = 0; ms < histogram.length; ms++) {
            seen += histogram[ms];
            if (seen >= rank && seen > 0) {
                return ms;
            }
        }
        return Double.NaN;
    }

    /** What a counting window saw. Gap percentiles are whole milliseconds (the histogram's resolution). */
    static final class Counts {
        long results;
        long upResults;
        long gaps;
        long late;
        double lateAfterMillis;
        double maxGapMillis;
        double gapP50Millis;
        double gapP99Millis;
        double gapP999Millis;
        long heardLate;
        long slowChecks;
        double maxLatencyMillis;
        double heardGapP99Millis;
        double heardGapP999Millis;
        double maxHeardGapMillis;
        long unknownTargets;
        double intervalMillis;
    }
}
