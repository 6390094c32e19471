package io.tcpshake.agent.cli;

import org.HdrHistogram.Histogram;

/**
 * Every latency of a run in a histogram of three significant digits (HdrHistogram), plus the exact
 * smallest and largest. Its memory follows the largest latency, not the number of checks: about 170 KB
 * once a latency of a second has been recorded, whether the run made ten checks or a billion. Not
 * thread-safe; {@link AddressTally} guards it.
 */
final class LatencyHistogram {
    private static final int SIGNIFICANT_DIGITS = 3;

    private final Histogram histogram = new Histogram(SIGNIFICANT_DIGITS); // grows its range as needed
    private long minNanos = Long.MAX_VALUE;
    private long maxNanos = Long.MIN_VALUE;

    void record(long nanos) {
        long value = Math.max(0, nanos);
        histogram.recordValue(value);
        minNanos = Math.min(minNanos, value);
        maxNanos = Math.max(maxNanos, value);
    }

    void add(LatencyHistogram other) {
        if (other.histogram.getTotalCount() == 0) {
            return;
        }
        histogram.add(other.histogram);
        minNanos = Math.min(minNanos, other.minNanos);
        maxNanos = Math.max(maxNanos, other.maxNanos);
    }

    LatencyStats stats() {
        return LatencyStats.of(histogram, minNanos, maxNanos);
    }


    /** The bytes the histogram takes now: it follows the largest latency recorded, not their number. */
    int footprintBytes() {
        return histogram.getEstimatedFootprintInBytes();
    }
}
