package io.tcpshake.core.monitor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.tcpshake.core.Outcome;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A target's counts kept in place: the same figures as a summary built one latency at a time. */
class CheckCountsTest {
    private static final Outcome[] OUTCOMES = Outcome.values();

    @Test
    void countsAndLatencyAgreeWithTheSummaryBuiltOneResultAtATime() {
        Random random = new Random(22);
        for (int run = 0; run < 200; run++) {
            CheckCounts counts = new CheckCounts();
            LatencySummary expected = LatencySummary.EMPTY;
            long[] byOutcome = new long[OUTCOMES.length];
            int results = random.nextInt(60);
            for (int i = 0; i < results; i++) {
                Outcome outcome = OUTCOMES[random.nextInt(OUTCOMES.length)];
                // Latencies from 0 to past the last bound (20 s), on a log scale, and every bound itself.
                long latency = random.nextInt(4) == 0
                        ? Math.round(LatencySummary.BUCKET_BOUNDS_SECONDS[random.nextInt(16)] * 1e9)
                        : (long) Math.pow(10, 1 + 9.3 * random.nextDouble());
                counts.record(outcome, latency);
                byOutcome[outcome.ordinal()]++;
                if (outcome == Outcome.UP || outcome == Outcome.REFUSED) {
                    expected = expected.plus(latency);
                }
                assertSummary(expected, counts.latency());
                assertArrayEquals(byOutcome, counts.byOutcome());
            }
        }
    }

    @Test
    void noAnswerNoLatency() {
        CheckCounts counts = new CheckCounts();
        counts.record(Outcome.TIMEOUT, 1_000_000_000L);
        counts.record(Outcome.ERROR, 5);
        assertSame(LatencySummary.EMPTY, counts.latency());
        assertEquals(1, counts.byOutcome()[Outcome.TIMEOUT.ordinal()]);
    }

    @Test
    void countsPastTheIntLimitStayExactAndGrowing() {
        int[] start = new int[OUTCOMES.length];
        start[Outcome.UP.ordinal()] = Integer.MAX_VALUE - 5;
        start[Outcome.TIMEOUT.ordinal()] = Integer.MAX_VALUE;
        CheckCounts counts = new CheckCounts(start);
        for (int i = 0; i < 12; i++) {
            counts.record(Outcome.UP, 150_000);
            counts.record(Outcome.REFUSED, 30_000_000);
        }
        counts.record(Outcome.TIMEOUT, 1_000_000_000L);
        assertEquals(Integer.MAX_VALUE + 7L, counts.byOutcome()[Outcome.UP.ordinal()]);
        assertEquals(12, counts.byOutcome()[Outcome.REFUSED.ordinal()]);
        assertEquals(Integer.MAX_VALUE + 1L, counts.byOutcome()[Outcome.TIMEOUT.ordinal()]);
        LatencySummary latency = counts.latency();
        assertEquals(Integer.MAX_VALUE + 19L, latency.count());
        long[] cumulative = latency.cumulativeBucketCounts();
        assertEquals(0, cumulative[0], "at most 100 us");
        assertEquals(12, cumulative[1], "at most 250 us");
        assertEquals(12, cumulative[7], "at most 25 ms");
        assertEquals(24, cumulative[8], "at most 50 ms");
        assertEquals(24, cumulative[15]);
    }

    private static void assertSummary(LatencySummary expected, LatencySummary actual) {
        assertEquals(expected.count(), actual.count());
        assertEquals(expected.sumNanos(), actual.sumNanos());
        assertEquals(expected.lastNanos(), actual.lastNanos());
        assertEquals(expected.minNanos(), actual.minNanos());
        assertEquals(expected.maxNanos(), actual.maxNanos());
        assertArrayEquals(expected.cumulativeBucketCounts(), actual.cumulativeBucketCounts());
    }
}
