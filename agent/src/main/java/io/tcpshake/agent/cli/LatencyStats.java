package io.tcpshake.agent.cli;

/**
 * Min, p50, p99 and max of a set of latencies: exact nearest-rank percentiles, found by selection
 * (linear time) rather than by sorting every latency of a run.
 */
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

    /** Summarizes {@code nanos[0..count)}, reordering it in place. */
    static LatencyStats ofUnsorted(long[] nanos, int count) {
        if (count == 0) {
            return EMPTY;
        }
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < count; i++) {
            min = Math.min(min, nanos[i]);
            max = Math.max(max, nanos[i]);
        }
        int p50 = rankIndex(count, 50);
        int p99 = rankIndex(count, 99);
        long p50Nanos = select(nanos, 0, count, p50);
        // Selecting p50 left every larger value after it: p99 is found among those.
        long p99Nanos = select(nanos, p50, count, p99);
        return new LatencyStats(count, min, p50Nanos, p99Nanos, max);
    }

    /** The 0-based index of the nearest-rank percentile in sorted order. */
    private static int rankIndex(int count, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * count);
        return Math.max(0, rank - 1);
    }

    /**
     * The value that sorted order would put at index {@code k} of {@code values[from..to)}, by Hoare's
     * selection (Wirth's partition, which handles runs of equal values): afterwards no value before
     * {@code k} is larger and none after it is smaller. Expected linear time; no recursion.
     */
    static long select(long[] values, int from, int to, int k) {
        int left = from;
        int right = to - 1;
        while (left < right) {
            long pivot = medianOfThree(values[left], values[(left + right) >>> 1], values[right]);
            int i = left;
            int j = right;
            do {
                while (values[i] < pivot) {
                    i++;
                }
                while (pivot < values[j]) {
                    j--;
                }
                if (i <= j) {
                    long swap = values[i];
                    values[i] = values[j];
                    values[j] = swap;
                    i++;
                    j--;
                }
            } while (i <= j);
            if (j < k) {
                left = i;
            }
            if (k < i) {
                right = j;
            }
        }
        return values[k];
    }

    private static long medianOfThree(long a, long b, long c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
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
