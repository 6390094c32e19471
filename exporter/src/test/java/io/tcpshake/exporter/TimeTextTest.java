package io.tcpshake.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How the status page writes times and latencies. */
class TimeTextTest {
    @Test
    void durationsShowTheTwoLargestUnits() {
        assertEquals("0s", TimeText.duration(999));
        assertEquals("45s", TimeText.duration(45_000));
        assertEquals("3m 12s", TimeText.duration(192_000));
        assertEquals("2h 3m", TimeText.duration((2 * 3600 + 3 * 60 + 59) * 1000L));
        assertEquals("4d 2h", TimeText.duration((4 * 86_400 + 2 * 3600) * 1000L));
    }

    @Test
    void agoSaysJustNowWithinTheSecondAndTheExactTimeIsUtc() {
        Instant then = Instant.parse("2026-11-26T09:00:01.500Z");
        assertEquals("just now", TimeText.ago(then, then.plusMillis(999)));
        assertEquals("3m 12s ago", TimeText.ago(then, then.plusSeconds(192)));
        assertEquals("2026-11-26 09:00:01.500 UTC", TimeText.exact(then));
    }

    @Test
    void latenciesKeepThreeSignificantDigits() {
        assertEquals("0.21 ms", TimeText.latency(210));
        assertEquals("12.3 ms", TimeText.latency(12_340));
        assertEquals("301 ms", TimeText.latency(301_056));
        assertEquals("1.25 s", TimeText.latency(1_250_000));
    }
}
