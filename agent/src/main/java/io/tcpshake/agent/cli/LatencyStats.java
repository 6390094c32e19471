package io.tcpshake.agent.cli;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * Min, p50, p99 and max of a set of latencies. Min and max are exact; p50 and p99 are nearest-rank
 * percentiles read from a {@link LatencyHistogram}, exact below 2,048 ns and within 0.1 % above (three
 * significant digits), so a run's memory does not grow with its number of checks.
 */
final class LatencyStats {
    static final LatencyStats EMPTY = new LatencyStats(0, 0, 0, 0, 0);

    private final long count;
    private final long minNanos;
    private final long p50Nanos;
    private final long p99Nanos;
    private final long maxNanos;

    private LatencyStats(long count, long minNanos, long p50Nanos, long p99Nanos, long maxNanos) {
        this.count = count;
        this.minNanos = minNanos;
        this.p50Nanos = p50Nanos;
        this.p99Nanos = p99Nanos;
        this.maxNanos = maxNanos;
    }

    /** The summary of {@code histogram}, whose exact extremes are {@code minNanos} and {@code maxNanos}. */
    static LatencyStats of(Histogram histogram, long minNanos, long maxNanos) {
        long count = histogram.getTotalCount();
        if (count == 0) {
            return EMPTY;
        }
        long p50 = valueAtRank(histogram, rank(count, 50));
        long p99 = valueAtRank(histogram, rank(count, 99));
        return new LatencyStats(count, minNanos, clamp(p50, minNanos, maxNanos), clamp(p99, minNanos, maxNanos),
                maxNanos);
    }

    /** The 1-based nearest rank of a percentile: the smallest rank with at least that share at or below it. */
    static long rank(long count, int percent) {
        return Math.max(1, (count * percent + 99) / 100);
    }

    /**
     * The value at 1-based {@code rank} in sorted order, to the histogram's precision. HdrHistogram's own
     * {@code getValueAtPercentile} rounds the rank to nearest, which is not the nearest-rank percentile the
     * command has always printed.
     */
    private static long valueAtRank(Histogram histogram, long rank) {
        for (HistogramIterationValue value : histogram.recordedValues()) {
            if (value.getTotalCountToThisValue() >= rank) {
                return histogram.highestEquivalentValue(value.getValueIteratedTo());
            }
        }
        return histogram.getMaxValue();
    }

    private static long clamp(long value, long min, long max) {
        return Math.max(min, Math.min(max, value));
    }

    long count() {
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
