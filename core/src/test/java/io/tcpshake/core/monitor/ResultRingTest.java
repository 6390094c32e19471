package io.tcpshake.core.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tcpshake.core.CheckResult;
import io.tcpshake.core.Outcome;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** The packed ring of recent results: order, capacity, and the latency's stated precision. */
class ResultRingTest {
    private static final InetSocketAddress ADDRESS = new InetSocketAddress("127.0.0.1", 7000);

    @Test
    void keepsTheLastResultsInOrderBeforeAndAfterWrapping() {
        byte[] ring = ResultRing.create(7);
        for (int i = 1; i <= 11; i++) {
            long nanos = i * 1_000_000L;
            ResultRing.add(ring,
                    i % 3 == 0 ? CheckResult.connectFailed(ADDRESS, 111, nanos) : CheckResult.up(ADDRESS, nanos));
            RecentResults recent = ResultRing.copy(ring);
            assertEquals(Math.min(i, 7), recent.count());
            assertEquals(7, recent.capacity());
            for (int k = 0; k < recent.count(); k++) {
                int check = i - recent.count() + 1 + k;
                assertEquals(check * 1000, recent.latencyMicros(k), check * 1000 * 0.07,
                        "latency of check " + check + " after " + i);
                assertEquals(check % 3 == 0 ? Outcome.REFUSED : Outcome.UP, recent.outcome(k));
            }
        }
    }

    @Test
    void aRingOfTheLargestCapacityKeepsItsPlaceBeyondAByte() {
        byte[] ring = ResultRing.create(1000);
        for (int i = 1; i <= 1300; i++) {
            ResultRing.add(ring, i % 2 == 0 ? CheckResult.up(ADDRESS, 1_000_000)
                    : CheckResult.connectFailed(ADDRESS, 111, 0));
            if (i == 700) {
                assertEquals(700, ResultRing.copy(ring).count());
                assertEquals(Outcome.UP, ResultRing.copy(ring).outcome(699));
            }
        }
        RecentResults recent = ResultRing.copy(ring);
        assertEquals(1000, recent.count());
        assertEquals(Outcome.REFUSED, recent.outcome(0), "check 301 is the oldest kept");
        assertEquals(Outcome.UP, recent.outcome(999), "check 1300 the newest");
    }

    @Test
    void anAnswersLatencyIsWithinSevenPercentFromTenMicrosToAHundredSeconds() {
        for (double micros = 10; micros <= 100e6; micros *= 1.001) {
            int code = ResultRing.packMicros(micros);
            assertTrue(code >= 0 && code < ResultRing.LATENCY_CODES, micros + " us: code " + code);
            // Within 7 %, in whole microseconds.
            double error = Math.abs(ResultRing.unpackMicros(code) - micros);
            assertTrue(error <= 0.07 * micros + 0.5, micros + " us came back as " + ResultRing.unpackMicros(code));
        }
        assertEquals(10, ResultRing.unpackMicros(ResultRing.packMicros(0)));
        assertEquals(100_000_000, ResultRing.unpackMicros(ResultRing.packMicros(1e12)));
    }

    @Test
    void everyOutcomeComesBackAndAFailureKeepsNoLatency() {
        byte[] ring = ResultRing.create(Outcome.values().length);
        for (Outcome outcome : Outcome.values()) {
            ResultRing.add(ring, outcome == Outcome.ERROR ? CheckResult.error(ADDRESS, 0, "x", Long.MAX_VALUE)
                    : outcome == Outcome.UP ? CheckResult.up(ADDRESS, 5_000_000_000_000L)
                    : outcome == Outcome.REFUSED ? CheckResult.connectFailed(ADDRESS, 111, 40_000)
                    : outcome == Outcome.TIMEOUT ? CheckResult.timeout(ADDRESS, 1_000_000_000L, 1_000_000_000L)
                    : outcome == Outcome.UNREACHABLE ? CheckResult.connectFailed(ADDRESS, 113, 1000)
                    : CheckResult.resolveFailed(ADDRESS, "no", 1000));
        }
        RecentResults recent = ResultRing.copy(ring);
        for (Outcome outcome : Outcome.values()) {
            assertEquals(outcome, recent.outcome(outcome.ordinal()));
            assertEquals(recent.answered(outcome.ordinal()), recent.latencyMicros(outcome.ordinal()) >= 0, outcome.name());
        }
        assertEquals(100_000_000, recent.latencyMicros(Outcome.UP.ordinal()), "above 100 s: 100 s");
        assertEquals(40, recent.latencyMicros(Outcome.REFUSED.ordinal()), 40 * 0.07);
    }
}
