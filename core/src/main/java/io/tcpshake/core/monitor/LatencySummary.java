package io.tcpshake.core.monitor;

import java.util.Arrays;

/**
 * Latencies of a target's checks that reached an answer (UP and REFUSED): last, min, max, mean, and a
 * cumulative histogram over fixed buckets, ready for Prometheus. Immutable.
 */
public final class LatencySummary {
    /** Upper bounds of the histogram buckets, in seconds: 100 µs to 10 s; +Inf is implied. */
    public static final double[] BUCKET_BOUNDS_SECONDS = {
        0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10
    };

    /** No latency recorded yet. */
    public static final LatencySummary EMPTY =
            new LatencySummary(0, 0, 0, 0, 0, new long[BUCKET_BOUNDS_SECONDS.length]);

    private final long count;
    private final long sumNanos;
    private final long lastNanos;
    private final long minNanos;
    private final long maxNanos;
    private final long[] cumulativeBucketCounts;

    private LatencySummary(long count, long sumNanos, long lastNanos, long minNanos, long maxNanos,
            long[] cumulativeBucketCounts) {
        this.count = count;
        this.sumNanos = sumNanos;
        this.lastNanos = lastNanos;
        this.minNanos = minNanos;
        this.maxNanos = maxNanos;
        this.cumulativeBucketCounts = cumulativeBucketCounts;
    }

    /**
     * A summary known only by its figures, without the histogram (every bucket counts 0): what a monitor's
     * MBeans show of it, read back by a view from outside the monitor's class loader.
     */
    public static LatencySummary ofFigures(long count, long sumNanos, long lastNanos, long minNanos, long maxNanos) {
        return new LatencySummary(count, sumNanos, lastNanos, minNanos, maxNanos, new long[BUCKET_BOUNDS_SECONDS.length]);
    }

    /** This summary with one more latency. */
    public LatencySummary plus(long latencyNanos) {
        long[] buckets = cumulativeBucketCounts.clone();
        double seconds = latencyNanos / 1e9;
        for (int i = 0; i < BUCKET_BOUNDS_SECONDS.length; i++) {
            if (seconds <= BUCKET_BOUNDS_SECONDS[i]) {
                buckets[i]++;
            }
        }
        return new LatencySummary(count + 1, sumNanos + latencyNanos, latencyNanos,
                count == 0 ? latencyNanos : Math.min(minNanos, latencyNanos),
                Math.max(maxNanos, latencyNanos), buckets);
    }

    /** A summary of these figures; {@code cumulativeBucketCounts} is taken as it is (the caller's copy). */
    static LatencySummary of(long count, long sumNanos, long lastNanos, long minNanos, long maxNanos,
            long[] cumulativeBucketCounts) {
        return new LatencySummary(count, sumNanos, lastNanos, minNanos, maxNanos, cumulativeBucketCounts);
    }

    public long count() {
        return count;
    }

    public long sumNanos() {
        return sumNanos;
    }

    /** The latest latency, 0 when none. */
    public long lastNanos() {
        return lastNanos;
    }

    public long minNanos() {
        return minNanos;
    }

    public long maxNanos() {
        return maxNanos;
    }

    /** The mean latency, 0 when none. */
    public long meanNanos() {
        return count == 0 ? 0 : sumNanos / count;
    }

    /**
     * Cumulative counts per bucket of {@link #BUCKET_BOUNDS_SECONDS}: element i counts latencies at most
     * bound i. The +Inf bucket is {@link #count()}. A copy.
     */
    public long[] cumulativeBucketCounts() {
        return cumulativeBucketCounts.clone();
    }

    @Override
    public String toString() {
        return "LatencySummary{count=" + count + ", last=" + lastNanos + "ns, min=" + minNanos + "ns, max="
                + maxNanos + "ns, buckets=" + Arrays.toString(cumulativeBucketCounts) + "}";
    }
}
