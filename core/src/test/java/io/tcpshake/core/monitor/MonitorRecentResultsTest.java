package io.tcpshake.core.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tcpshake.core.Outcome;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The last results a monitor keeps per target, for outputs that show the recent past. */
class MonitorRecentResultsTest {
    private static final Duration INTERVAL = Duration.ofSeconds(10);
    private final ManualMonitor m = new ManualMonitor();

    @AfterEach
    void close() {
        m.close();
    }

    private static Target target(String ip, int port) {
        return Target.builder(ip, port).name("t").interval(INTERVAL).jitter(0).initialDelay(Duration.ZERO).build();
    }

    @Test
    void keepsTheLastResultsOldestFirstUpToItsCapacity() {
        Monitor monitor = m.start(m.builder().recentResults(3), target("127.0.0.1", 7000));
        m.time.runDue();
        m.time.advance(INTERVAL);
        m.checks.answer("127.0.0.1", Outcome.REFUSED);
        m.time.advance(INTERVAL);
        m.time.advance(INTERVAL);
        m.checks.answer("127.0.0.1", Outcome.TIMEOUT);
        m.time.advance(INTERVAL);

        RecentResults recent = monitor.recentResults("t");
        assertEquals(3, recent.capacity());
        assertEquals(3, recent.count(), "five checks, the last three kept");
        assertEquals(Outcome.REFUSED, recent.outcome(0));
        assertEquals(Outcome.REFUSED, recent.outcome(1));
        assertEquals(Outcome.TIMEOUT, recent.outcome(2));
        assertTrue(recent.answered(1));
        assertFalse(recent.answered(2), "a timeout's latency is the time waited, not a round trip");
    }

    @Test
    void noneAreKeptUnlessAskedAndNoneForAnUnknownName() {
        Monitor monitor = m.start(target("127.0.0.1", 7000));
        m.time.runDue();

        assertEquals(0, monitor.recentResults("t").capacity());
        assertEquals(0, monitor.recentResults("t").count());
        assertSame(RecentResults.NONE, monitor.recentResults("nobody"));
    }

    @Test
    void aStatusPagesWorthAreKeptWhenAsked() {
        Monitor monitor = m.start(m.builder().recentResults(Monitor.STATUS_PAGE_RECENT_RESULTS),
                target("127.0.0.1", 7000));
        m.time.runDue();

        assertEquals(60, monitor.recentResults("t").capacity());
        assertEquals(1, monitor.recentResults("t").count());
    }

    @Test
    void anotherEndpointUnderTheSameNameStartsOverAndZeroKeepsNone() {
        Monitor monitor = m.start(target("127.0.0.1", 7000));
        m.time.runDue();
        monitor.put(target("127.0.0.1", 7001));
        assertEquals(0, monitor.recentResults("t").count());

        m.close();
        ManualMonitor none = new ManualMonitor();
        try {
            Monitor without = none.start(none.builder().recentResults(0), target("127.0.0.1", 7000));
            none.time.runDue();
            assertSame(RecentResults.NONE, without.recentResults("t"));
        } finally {
            none.close();
        }
        assertThrows(IllegalArgumentException.class, () -> Monitor.builder().recentResults(1001));
    }
}
