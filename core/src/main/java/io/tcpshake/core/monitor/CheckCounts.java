package io.tcpshake.core.monitor;

import io.tcpshake.core.Outcome;

/**
 * What one target has counted, updated in place on every check: checks per outcome, and the latency figures
 * a {@link LatencySummary} is made of. A summary is made only when a snapshot is; the check itself allocates
 * nothing here. Not thread-safe: the owner guards it.
 *
 * <p>Latencies are counted per bucket (not cumulatively) in ints, 4 bytes a bucket per target; a bucket
 * that reaches {@code Integer.MAX_VALUE} moves them all to longs.
 */
final class CheckCounts {
    private static final Outcome[] OUTCOMES = Outcome.values();
    private static final long[] BOUNDS_NANOS = new long[LatencySummary.BUCKET_BOUNDS_SECONDS.length];

    static {
        for (int i = 0; i < BOUNDS_NANOS.length; i++) {
            BOUNDS_NANOS[i] = Math.round(LatencySummary.BUCKET_BOUNDS_SECONDS[i] * 1e9);
        }
    }

    private final long[] byOutcome = new long[OUTCOMES.length];
    private long count;
    private long sumNanos;
    private long lastNanos;
    private long minNanos;
    private long maxNanos;
    /** Latencies per bucket: element i counts those above bound i - 1 and at most bound i. */
    private int[] buckets = new int[BOUNDS_NANOS.length];
    /** The same in longs, once an int bucket is full; then {@link #buckets} is null. */
    private long[] wideBuckets;

    void countOutcome(Outcome outcome) {
        byOutcome[outcome.ordinal()]++;
    }

    void recordLatency(long latencyNanos) {
        minNanos = count == 0 ? latencyNanos : Math.min(minNanos, latencyNanos);
        maxNanos = Math.max(maxNanos, latencyNanos);
        count++;
        sumNanos += latencyNanos;
        lastNanos = latencyNanos;
        int bucket = 0;
        while (bucket < BOUNDS_NANOS.length && latencyNanos > BOUNDS_NANOS[bucket]) {
            bucket++;
        }
        if (bucket == BOUNDS_NANOS.length) {
            return; // above the last bound: only in the count (+Inf)
        }
        if (buckets != null && buckets[bucket] == Integer.MAX_VALUE) {
            wideBuckets = new long[buckets.length];
            for (int i = 0; i < buckets.length; i++) {
                wideBuckets[i] = buckets[i];
            }
            buckets = null;
        }
        if (buckets != null) {
            buckets[bucket]++;
        } else {
            wideBuckets[bucket]++;
        }
    }

    /** Checks per outcome, by ordinal: a copy. */
    long[] byOutcome() {
        return byOutcome.clone();
    }

    LatencySummary latency() {
        if (count == 0) {
            return LatencySummary.EMPTY;
        }
        long[] cumulative = new long[BOUNDS_NANOS.length];
        long sum = 0;
        for (int i = 0; i < cumulative.length; i++) {
            sum += buckets != null ? buckets[i] : wideBuckets[i];
            cumulative[i] = sum;
        }
        return LatencySummary.of(count, sumNanos, lastNanos, minNanos, maxNanos, cumulative);
    }
}
