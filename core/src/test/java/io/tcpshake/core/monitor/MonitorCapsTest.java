package io.tcpshake.core.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tcpshake.core.CheckResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The safety caps: checks in flight per target and checks per second, on manual time. */
class MonitorCapsTest {
    private final ManualMonitor m = new ManualMonitor();

    @AfterEach
    void close() {
        m.close();
    }

    private static Target target(int port) {
        return Target.builder("127.0.0.1", port).interval(Duration.ofSeconds(1)).timeout(Duration.ofSeconds(5))
                .jitter(0).initialDelay(Duration.ZERO).build();
    }

    @Test
    void aCheckDueWhileTheTargetIsAtItsInFlightCapWaitsForTheRunningOne() {
        Monitor monitor = m.start(target(7000));
        m.checks.hold();
        m.time.runDue();
        CompletableFuture<CheckResult> now = monitor.checkNow("127.0.0.1:7000");
        m.time.advance(Duration.ofSeconds(3));

        assertEquals(1, m.checks.calls().size(), "nothing starts while one check is in flight");
        assertFalse(now.isDone());
        assertEquals(1, monitor.snapshot().checksInFlight());

        m.checks.releaseAll();

        assertTrue(now.isDone(), "the waiting check ran as soon as the first ended");
        assertEquals(List.of(Duration.ZERO, Duration.ofSeconds(3)), m.checks.callTimes(7000));
        assertEquals(1, m.checks.maxInFlight());
        assertEquals(0, monitor.snapshot().checksInFlight());
        assertEquals(2, monitor.snapshot().checksTotal());
    }

    @Test
    void aHigherInFlightCapLetsChecksOfOneTargetOverlap() {
        Monitor monitor = m.start(m.builder().maxInFlightPerTarget(2), target(7000));
        m.checks.hold();
        m.time.runDue();
        monitor.checkNow("127.0.0.1:7000");
        monitor.checkNow("127.0.0.1:7000");

        assertEquals(2, m.checks.calls().size());
        assertEquals(2, m.checks.maxInFlight());
        m.checks.releaseAll();
        assertEquals(3, m.checks.calls().size(), "the third request ran when one ended");
    }

    @Test
    void checksOverTheRateCapAreDelayedNotDropped() {
        List<Target> targets = new ArrayList<>();
        for (int port = 7001; port <= 7005; port++) {
            targets.add(Target.builder("127.0.0.1", port).interval(Duration.ofSeconds(10)).jitter(0)
                    .initialDelay(Duration.ZERO).build());
        }
        Monitor monitor = m.start(m.builder().maxChecksPerSecond(10), targets.toArray(new Target[0]));
        m.time.runDue();
        assertEquals(1, m.checks.calls().size(), "a burst of one at 10 checks/s");

        m.time.advance(Duration.ofMillis(400));

        List<Duration> times = new ArrayList<>();
        m.checks.calls().forEach(call -> times.add(call.at));
        assertEquals(List.of(Duration.ZERO, Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(300),
                Duration.ofMillis(400)), times);
        assertEquals(4, monitor.checksDelayedByRateCap());
    }
}
