package io.tcpshake.core.monitor;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tcpshake.core.Checker;
import io.tcpshake.core.testing.LoopbackTargets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A config that asks for far too many checks is held to the cap with the real checker and real time. */
class MonitorRateCapTest {
    private static final int CAP = 300;

    @Test
    void tooManyTargetsAreHeldToTheCapOnChecksPerSecond() throws Exception {
        try (LoopbackTargets loopback = new LoopbackTargets();
                Monitor monitor = Monitor.builder().checker(Checker.builder()).maxChecksPerSecond(CAP).build()) {
            LoopbackTargets.UpListener listener = loopback.upListener(LoopbackTargets.V4);
            for (int i = 0; i < 200; i++) { // 200 targets every 100 ms: 2000 checks/s asked for
                monitor.put(Target.builder("127.0.0.1", listener.address().getPort()).name("t" + i)
                        .interval(Duration.ofMillis(100)).build());
            }
            monitor.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> monitor.checksDelayedByRateCap() > 0);

            long startNanos = System.nanoTime();
            long startChecks = monitor.snapshot().checksTotal();
            await().pollDelay(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(() -> true);
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            long checks = monitor.snapshot().checksTotal() - startChecks;

            double perSecond = checks / seconds;
            // The bucket may add its burst (a tenth of a second's worth) and one check in flight per target.
            assertTrue(checks <= CAP * seconds + CAP / 10.0 + 200,
                    "held to " + CAP + "/s: " + checks + " checks in " + seconds + " s");
            assertTrue(perSecond > CAP / 4.0, "still checking near the cap, not starving: " + perSecond + "/s");
            assertTrue(listener.acceptedNothing());
            System.out.printf("rate cap %d/s: %d checks in %.2f s = %.0f/s, %d delayed so far%n", CAP, checks, seconds,
                    perSecond, monitor.checksDelayedByRateCap());
        }
    }
}
