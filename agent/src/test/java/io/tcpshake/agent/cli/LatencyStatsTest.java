package io.tcpshake.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Nearest-rank percentiles: p50 of 1..100 is 50, p99 is 99, whatever the order recorded. */
class LatencyStatsTest {
    @Test
    void nearestRankOverUnsortedValues() {
        long[] values = LongStream.rangeClosed(1, 100).map(i -> 101 - i).toArray();

        LatencyStats stats = LatencyStats.ofUnsorted(values, 100);

        assertEquals(1, stats.minNanos());
        assertEquals(50, stats.p50Nanos());
        assertEquals(99, stats.p99Nanos());
        assertEquals(100, stats.maxNanos());
    }

    @Test
    void fewValues() {
        LatencyStats one = LatencyStats.ofUnsorted(new long[] {7}, 1);
        LatencyStats two = LatencyStats.ofUnsorted(new long[] {9, 3}, 2);

        assertEquals(7, one.minNanos());
        assertEquals(7, one.p99Nanos());
        assertEquals(3, two.p50Nanos());
        assertEquals(9, two.p99Nanos());
    }

    @Test
    void onlyTheRecordedPrefixCounts() {
        LatencyStats stats = LatencyStats.ofUnsorted(new long[] {5, 4, 0, 0}, 2);

        assertEquals(2, stats.count());
        assertEquals(4, stats.minNanos());
        assertEquals(5, stats.maxNanos());
    }

    @Test
    void selectionAgreesWithSortingOnRandomRepeatedAndSortedValues() {
        Random random = new Random(42);
        for (int trial = 0; trial < 300; trial++) {
            int count = 1 + random.nextInt(trial < 100 ? 10 : 5000);
            int spread = 1 + random.nextInt(trial % 3 == 0 ? 3 : 1_000_000); // many equal values, or few
            long[] values = new long[count];
            for (int i = 0; i < count; i++) {
                values[i] = trial % 7 == 0 ? i : random.nextInt(spread);
            }
            long[] sorted = values.clone();
            Arrays.sort(sorted);

            LatencyStats stats = LatencyStats.ofUnsorted(values, count);

            String where = "trial " + trial + ", " + count + " values";
            assertEquals(sorted[0], stats.minNanos(), where);
            assertEquals(sorted[Math.max(0, (int) Math.ceil(0.50 * count) - 1)], stats.p50Nanos(), where);
            assertEquals(sorted[Math.max(0, (int) Math.ceil(0.99 * count) - 1)], stats.p99Nanos(), where);
            assertEquals(sorted[count - 1], stats.maxNanos(), where);
        }
    }
}
