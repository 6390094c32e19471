package io.tcpshake.core.monitor;

import io.tcpshake.core.Outcome;
import java.util.Arrays;

/**
 * What one target has counted, updated in place on every check: checks per outcome, and the latency figures
 * a {@link LatencySummary} is made of. A summary is made only when a snapshot is; a check allocates nothing
 * here unless its latency falls outside the buckets seen so far. Not thread-safe: the owner guards it.
 *
 * <p>The counts are kept in one array: the outcomes, then the latency buckets (not cumulative) from the
 * lowest to the highest one a latency fell in so far. A target's latencies mostly fall in two or three of
 * the sixteen buckets, so the array is about 48 B, not 144 B for all of them and the outcomes in longs. The
 * counts are ints until one would pass {@value Integer#MAX_VALUE}; then all move to longs, so every count
 * stays exact and only grows.
 *
 * <p>A target whose latency histogram nobody reads keeps no buckets ({@link #keepBuckets}): the summary's
 * count, sum, last, min and max are kept all the same; its buckets then count 0. Buckets kept again start
 * empty.
 */
final class CheckCounts {
    private static final int OUTCOMES = Outcome.values().length;
    private static final long[] BOUNDS_NANOS = new long[LatencySummary.BUCKET_BOUNDS_SECONDS.length];

    static {
        for (int i = 0; i < BOUNDS_NANOS.length; i++) {
            BOUNDS_NANOS[i] = Math.round(LatencySummary.BUCKET_BOUNDS_SECONDS[i] * 1e9);
        }
    }

    private long sumNanos;
    private long lastNanos;
    private long minNanos;
    private long maxNanos;
    /** The bucket of {@link #cells}' first bucket count; -1 while no latency was counted. */
    private byte firstBucket = -1;
    /** Checks per outcome (by ordinal), then latencies per bucket from {@link #firstBucket} on; null once wide. */
    private int[] cells = new int[OUTCOMES];
    /** The same in longs, once an int count was full. */
    private long[] wideCells;
    private boolean keepBuckets = true;

    CheckCounts() {
    }

    /** Counts that start from {@code byOutcome} (checks per outcome, by ordinal), no latency yet: for tests. */
    CheckCounts(int[] byOutcome) {
        cells = byOutcome.clone();
    }

    /**
     * Whether latencies are counted per bucket from now on. Turning them off drops the buckets counted so
     * far; turning them on starts from empty buckets, so they count only the latencies from then on (the
     * summary's count keeps every one: its +Inf bucket).
     */
    void keepBuckets(boolean keep) {
        if (keep == keepBuckets) {
            return;
        }
        keepBuckets = keep;
        if (!keep && firstBucket >= 0) {
            if (cells != null) {
                cells = Arrays.copyOf(cells, OUTCOMES);
            } else {
                wideCells = Arrays.copyOf(wideCells, OUTCOMES);
            }
            firstBucket = -1;
        }
    }

    /** Counts a check's outcome and, when it reached the target (UP, REFUSED), its latency. */
    void record(Outcome outcome, long latencyNanos) {
        increment(outcome.ordinal());
        // Latency of checks that reached the target's kernel; a timeout's "latency" is just the timeout.
        if (outcome != Outcome.UP && outcome != Outcome.REFUSED) {
            return;
        }
        boolean first = latencyCount() == 1;
        minNanos = first ? latencyNanos : Math.min(minNanos, latencyNanos);
        maxNanos = Math.max(maxNanos, latencyNanos);
        sumNanos += latencyNanos;
        lastNanos = latencyNanos;
        if (!keepBuckets) {
            return;
        }
        int bucket = 0;
        while (bucket < BOUNDS_NANOS.length && latencyNanos > BOUNDS_NANOS[bucket]) {
            bucket++;
        }
        if (bucket == BOUNDS_NANOS.length) {
            return; // above the last bound: only in the count (+Inf)
        }
        coverBucket(bucket);
        increment(OUTCOMES + bucket - firstBucket);
    }

    /** Checks per outcome, by ordinal: a copy. */
    long[] byOutcome() {
        long[] byOutcome = new long[OUTCOMES];
        for (int i = 0; i < OUTCOMES; i++) {
            byOutcome[i] = cell(i);
        }
        return byOutcome;
    }

    /** The latency of the last UP or REFUSED check counted; 0 before one. */
    long lastLatencyNanos() {
        return lastNanos;
    }

    LatencySummary latency() {
        long count = latencyCount();
        if (count == 0) {
            return LatencySummary.EMPTY;
        }
        long[] cumulative = new long[BOUNDS_NANOS.length];
        long sum = 0;
        int kept = length() - OUTCOMES;
        for (int i = 0; i < cumulative.length; i++) {
            int k = i - firstBucket;
            if (firstBucket >= 0 && k >= 0 && k < kept) {
                sum += cell(OUTCOMES + k);
            }
            cumulative[i] = sum;
        }
        return LatencySummary.of(count, sumNanos, lastNanos, minNanos, maxNanos, cumulative);
    }

    /** Latencies counted: every UP and REFUSED check. */
    private long latencyCount() {
        return cell(Outcome.UP.ordinal()) + cell(Outcome.REFUSED.ordinal());
    }

    private long cell(int i) {
        return cells != null ? cells[i] : wideCells[i];
    }

    private int length() {
        return cells != null ? cells.length : wideCells.length;
    }

    private void increment(int i) {
        if (cells != null && cells[i] == Integer.MAX_VALUE) {
            wideCells = new long[cells.length];
            for (int k = 0; k < cells.length; k++) {
                wideCells[k] = cells[k];
            }
            cells = null;
        }
        if (cells != null) {
            cells[i]++;
        } else {
            wideCells[i]++;
        }
    }

    /** Makes room for {@code bucket}'s count: the buckets kept run from the lowest seen to the highest. */
    private void coverBucket(int bucket) {
        int kept = length() - OUTCOMES;
        if (firstBucket >= 0 && bucket >= firstBucket && bucket < firstBucket + kept) {
            return;
        }
        int from = firstBucket < 0 ? bucket : Math.min(firstBucket, bucket);
        int to = firstBucket < 0 ? bucket : Math.max(firstBucket + kept - 1, bucket);
        int shift = firstBucket < 0 ? 0 : firstBucket - from;
        int size = OUTCOMES + to - from + 1;
        if (cells != null) {
            int[] grown = new int[size];
            System.arraycopy(cells, 0, grown, 0, OUTCOMES);
            System.arraycopy(cells, OUTCOMES, grown, OUTCOMES + shift, kept);
            cells = grown;
        } else {
            long[] grown = new long[size];
            System.arraycopy(wideCells, 0, grown, 0, OUTCOMES);
            System.arraycopy(wideCells, OUTCOMES, grown, OUTCOMES + shift, kept);
            wideCells = grown;
        }
        firstBucket = (byte) from;
    }
}
