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
        ResultRing ring = new ResultRing(7);
        for (int i = 1; i <= 11; i++) {
            ring.add(i % 3 == 0 ? CheckResult.connectFailed(ADDRESS, 111, i * 1000L) : CheckResult.up(ADDRESS, i * 1000L));
            RecentResults recent = ring.copy();
            assertEquals(Math.min(i, 7), recent.count());
            assertEquals(7, recent.capacity());
            for (int k = 0; k < recent.count(); k++) {
                int check = i - recent.count() + 1 + k;
                assertEquals(check, recent.latencyMicros(k), "latency of check " + check + " after " + i);
                assertEquals(check % 3 == 0 ? Outcome.REFUSED : Outcome.UP, recent.outcome(k));
            }
        }
    }

    @Test
    void latencyIsExactBelow256MicrosAndWithinPointFourPercentUpToIntMax() {
        for (int micros = 0; micros < 256; micros++) {
            assertEquals(micros, ResultRing.unpackMicros(ResultRing.packMicros(micros)));
        }
        for (long micros = 256; micros <= Integer.MAX_VALUE; micros += 1 + micros / 997) {
            int packed = ResultRing.packMicros((int) micros);
            assertTrue(packed < 1 << 13, "fits in 13 bits: " + micros);
            double error = Math.abs(ResultRing.unpackMicros(packed) - micros) / (double) micros;
            assertTrue(error <= 1.0 / 256, micros + " us came back as " + ResultRing.unpackMicros(packed));
        }
    }

    @Test
    void everyOutcomeAndTheLongestLatencyComeBack() {
        ResultRing ring = new ResultRing(Outcome.values().length);
        for (Outcome outcome : Outcome.values()) {
            ring.add(outcome == Outcome.ERROR ? CheckResult.error(ADDRESS, 0, "x", Long.MAX_VALUE)
                    : outcome == Outcome.UP ? CheckResult.up(ADDRESS, 5_000_000_000_000L)
                    : outcome == Outcome.REFUSED ? CheckResult.connectFailed(ADDRESS, 111, 1000)
                    : outcome == Outcome.TIMEOUT ? CheckResult.timeout(ADDRESS, 1_000_000_000L, 1_000_000_000L)
                    : outcome == Outcome.UNREACHABLE ? CheckResult.connectFailed(ADDRESS, 113, 1000)
                    : CheckResult.resolveFailed(ADDRESS, "no", 1000));
        }
        RecentResults recent = ring.copy();
        for (Outcome outcome : Outcome.values()) {
            assertEquals(outcome, recent.outcome(outcome.ordinal()));
        }
        assertTrue(recent.latencyMicros(Outcome.ERROR.ordinal()) > Integer.MAX_VALUE - Integer.MAX_VALUE / 256);
        assertEquals(1_000_000, recent.latencyMicros(Outcome.TIMEOUT.ordinal()), 1_000_000 / 256.0);
    }
}
