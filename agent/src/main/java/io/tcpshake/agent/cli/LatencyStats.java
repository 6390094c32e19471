package io.tcpshake.agent.cli;

import java.util.Arrays;

/** Min, p50, p99 and max of a set of latencies (nearest-rank percentiles over the sorted values). */
final class LatencyStats {
    static final LatencyStats EMPTY = new LatencyStats(0, 0, 0, 0, 0);

    private final int count;
    private final long minNanos;
    private final long p50Nanos;
    private final long p99Nanos;
    private final long maxNanos;

    private LatencyStats(int count, long minNanos, long p50Nanos, long p99Nanos, long maxNanos) {
        this.count = count;
        this.minNanos = minNanos;
        this.p50Nanos = p50Nanos;
        this.p99Nanos = p99Nanos;
        this.maxNanos = maxNanos;
    }

    /** Sorts {@code nanos[0..count)} in place and summarizes it. */
    static LatencyStats ofUnsorted(long[] nanos, int count) {
        if (count == 0) {
            return EMPTY;
        }
        Arrays.sort(nanos, 0, count);
        return new LatencyStats(count, nanos[0], percentile(nanos, count, 50), percentile(nanos, count, 99),
                nanos[count - 1]);
    }

    private static long percentile(long[] sorted, int count, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * count);
        return sorted[Math.max(0, rank - 1)];
    }

    int count() {
        return count;
    }

    long minNanos() {
        return minNanos;
    }

    long p50Nanos() {
        return p50Nanos;
    }

    long p99Nanos() {
        return p99Nanos;
    }

    long maxNanos() {
        return maxNanos;
    }
}
