package io.tcpshake.core.monitor;

/**
 * The running latency figures of one target, updated in place on every check: what a
 * {@link LatencySummary} is made of, without a new summary (and a copy of its buckets) per check.
 * Not thread-safe: the owner guards it.
 */
final class LatencyCounts {
    private static final long[] BUCKET_BOUNDS_NANOS = new long[LatencySummary.BUCKET_BOUNDS_SECONDS.length];

    static {
        for (int i = 0; i < BUCKET_BOUNDS_NANOS.length; i++) {
            BUCKET_BOUNDS_NANOS[i] = Math.round(LatencySummary.BUCKET_BOUNDS_SECONDS[i] * 1e9);
        }
    }

    private long count;
    private long sumNanos;
    private long lastNanos;
    private long minNanos;
    private long maxNanos;
    /** Cumulative, as the summary's: element i counts latencies at most bound i. */
    private final long[] buckets = new long[BUCKET_BOUNDS_NANOS.length];

    void record(long latencyNanos) {
        minNanos = count == 0 ? latencyNanos : Math.min(minNanos, latencyNanos);
        maxNanos = Math.max(maxNanos, latencyNanos);
        count++;
        sumNanos += latencyNanos;
        lastNanos = latencyNanos;
        // Bounds ascend: every bucket from the first that holds the latency on counts it.
        for (int i = BUCKET_BOUNDS_NANOS.length - 1; i >= 0 && latencyNanos <= BUCKET_BOUNDS_NANOS[i]; i--) {
            buckets[i]++;
        }
    }

    void set(long count, long sumNanos, long lastNanos, long minNanos, long maxNanos, long[] cumulativeBuckets) {
        this.count = count;
        this.sumNanos = sumNanos;
        this.lastNanos = lastNanos;
        this.minNanos = minNanos;
        this.maxNanos = maxNanos;
        System.arraycopy(cumulativeBuckets, 0, buckets, 0, buckets.length);
    }

    LatencySummary summary() {
        return count == 0 ? LatencySummary.EMPTY
                : LatencySummary.of(count, sumNanos, lastNanos, minNanos, maxNanos, buckets.clone());
    }
}
