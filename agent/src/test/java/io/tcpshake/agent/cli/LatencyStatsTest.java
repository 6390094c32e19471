package io.tcpshake.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
