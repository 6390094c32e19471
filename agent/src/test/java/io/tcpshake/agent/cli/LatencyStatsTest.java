package io.tcpshake.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Nearest-rank percentiles from the run's histogram: p50 of 1..100 is 50, p99 is 99, whatever the order
 * recorded; min and max exact; p50 and p99 within the histogram's 0.1 % of the exact value.
 */
class LatencyStatsTest {
    @Test
    void nearestRankOverUnsortedValues() {
        LatencyStats stats = statsOf(descending(100));

        assertEquals(1, stats.minNanos());
        assertEquals(50, stats.p50Nanos());
        assertEquals(99, stats.p99Nanos());
        assertEquals(100, stats.maxNanos());
    }

    @Test
    void fewValues() {
        LatencyStats one = statsOf(new long[] {7});
        LatencyStats two = statsOf(new long[] {9, 3});

        assertEquals(7, one.minNanos());
        assertEquals(7, one.p99Nanos());
        assertEquals(3, two.p50Nanos());
        assertEquals(9, two.p99Nanos());
    }

    @Test
    void nothingRecordedIsEmpty() {
        assertEquals(0, new LatencyHistogram().stats().count());
    }

    @Test
    void extremesAreExactAndPercentilesWithinTheHistogramsPrecision() {
        LatencyStats stats = statsOf(new long[] {45_123, 87_654_321, 1_234_567, 1_234_567_891});

        assertEquals(45_123, stats.minNanos());
        assertEquals(1_234_567_891, stats.maxNanos());
        assertWithinPrecision(1_234_567, stats.p50Nanos(), "p50");
        assertEquals(1_234_567_891, stats.p99Nanos(), "p99 is the largest of four, clamped to the exact max");
    }

    @Test
    void mergedHistogramsSummarizeEveryValue() {
        LatencyHistogram left = histogramOf(new long[] {5, 1, 3});
        LatencyHistogram right = histogramOf(new long[] {4, 2});

        left.add(right);
        LatencyStats stats = left.stats();

        assertEquals(5, stats.count());
        assertEquals(1, stats.minNanos());
        assertEquals(3, stats.p50Nanos());
        assertEquals(5, stats.maxNanos());
    }

    @Test
    void percentilesAgreeWithSortingOnRandomRepeatedAndSortedValues() {
        Random random = new Random(42);
        for (int trial = 0; trial < 300; trial++) {
            int count = 1 + random.nextInt(trial < 100 ? 10 : 5000);
            int spread = 1 + random.nextInt(trial % 3 == 0 ? 3 : 100_000_000); // many equal values, or few
            long[] values = new long[count];
            for (int i = 0; i < count; i++) {
                values[i] = trial % 7 == 0 ? i : random.nextInt(spread);
            }
            long[] sorted = values.clone();
            Arrays.sort(sorted);

            LatencyStats stats = statsOf(values);

            String where = "trial " + trial + ", " + count + " values";
            assertEquals(sorted[0], stats.minNanos(), where);
            assertWithinPrecision(sorted[(int) LatencyStats.rank(count, 50) - 1], stats.p50Nanos(), where + " p50");
            assertWithinPrecision(sorted[(int) LatencyStats.rank(count, 99) - 1], stats.p99Nanos(), where + " p99");
            assertEquals(sorted[count - 1], stats.maxNanos(), where);
        }
    }

    @Test
    void nearestRankIsTheCeilingOfTheShare() {
        assertEquals(1, LatencyStats.rank(1, 50));
        assertEquals(1, LatencyStats.rank(2, 50));
        assertEquals(60, LatencyStats.rank(60, 99), "59.4 rounds up, not to nearest");
        assertEquals(99, LatencyStats.rank(100, 99));
        assertEquals(1_980_000_000L, LatencyStats.rank(2_000_000_000L, 99));
    }

    @Test
    void memoryDoesNotGrowWithTheNumberOfChecks() {
        LatencyHistogram few = histogramOf(new long[] {40_000, 1_000_000_000});
        LatencyHistogram many = new LatencyHistogram();
        Random random = new Random(7);
        many.record(1_000_000_000);
        for (int i = 0; i < 1_000_000; i++) {
            many.record(20_000 + random.nextInt(2_000_000));
        }

        assertEquals(few.footprintBytes(), many.footprintBytes(), "a million checks take the memory of two with the same largest latency");
    }

    private static void assertWithinPrecision(long exact, long actual, String what) {
        // Three significant digits: above 2,048 ns a bucket spans at most 1/1024 of its values.
        long tolerance = exact / 1024 + 1;
        assertTrue(Math.abs(actual - exact) <= tolerance, what + ": " + actual + " is not within " + tolerance
                + " of " + exact);
    }

    private static long[] descending(int n) {
        long[] values = new long[n];
        for (int i = 0; i < n; i++) {
            values[i] = n - i;
        }
        return values;
    }

    private static LatencyStats statsOf(long[] values) {
        return histogramOf(values).stats();
    }

    private static LatencyHistogram histogramOf(long[] values) {
        LatencyHistogram histogram = new LatencyHistogram();
        for (long value : values) {
            histogram.record(value);
        }
        return histogram;
    }
}
