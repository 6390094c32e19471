package io.tcpshake.core.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tcpshake.core.CheckResult;
import io.tcpshake.core.Outcome;
import io.tcpshake.core.testing.LoopbackTargets;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** One-off checks of addresses that are no target (a /probe), on the monitor's loop and under its caps. */
class MonitorProbeTest {
    @AutoClose
    private final LoopbackTargets targets = new LoopbackTargets();
    @AutoClose
    private final Monitor monitor = Monitor.builder().build();

    @Test
    void probeChecksAnAddressOnceAndCountsInNoTarget() throws Exception {
        monitor.start();
        LoopbackTargets.UpListener up = targets.upListener(LoopbackTargets.V4);

        CheckResult result = monitor.probe(up.address(), Duration.ofSeconds(1)).get(5, TimeUnit.SECONDS);
        CheckResult refused = monitor.probe(targets.refusedAddress(LoopbackTargets.V6), Duration.ofSeconds(1))
                .get(5, TimeUnit.SECONDS);

        assertEquals(Outcome.UP, result.outcome());
        assertEquals(Outcome.REFUSED, refused.outcome());
        assertTrue(monitor.snapshot().targets().isEmpty());
        assertEquals(2, monitor.snapshot().checksTotal());
        assertEquals(0, monitor.snapshot().checksInFlight());
        assertTrue(up.acceptedNothing());
    }

    @Test
    void secondProbeOfAnAddressInFlightIsRefusedAtOnce() throws Exception {
        monitor.start();
        InetSocketAddress silent = targets.timeoutAddress(LoopbackTargets.V4);

        CompletableFuture<CheckResult> first = monitor.probe(silent, Duration.ofMillis(500));
        ExecutionException second = assertThrows(ExecutionException.class,
                () -> monitor.probe(silent, Duration.ofMillis(500)).get(5, TimeUnit.SECONDS));

        assertTrue(second.getCause() instanceof RejectedExecutionException, second.toString());
        assertEquals(Outcome.TIMEOUT, first.get(5, TimeUnit.SECONDS).outcome());
        // Its slot is free again once it ended.
        assertEquals(Outcome.TIMEOUT, monitor.probe(silent, Duration.ofMillis(100)).get(5, TimeUnit.SECONDS).outcome());
    }

    @Test
    void probeNeedsARunningMonitorAndAResolvedAddress() {
        assertThrows(IllegalStateException.class,
                () -> monitor.probe(new InetSocketAddress(InetAddress.getLoopbackAddress(), 9), Duration.ofSeconds(1)));
        monitor.start();
        assertThrows(IllegalArgumentException.class,
                () -> monitor.probe(InetSocketAddress.createUnresolved("localhost", 9), Duration.ofSeconds(1)));
    }

    @Test
    void resolveGoesThroughTheMonitorsResolverWithinTheTimeout() throws Exception {
        try (Monitor resolving = Monitor.builder().resolver(host -> {
            if (host.equals("db.test")) {
                return new InetAddress[] {LoopbackTargets.V4};
            }
            throw new java.net.UnknownHostException(host);
        }).build()) {
            resolving.start();
            assertEquals(LoopbackTargets.V4, resolving.resolve("db.test", Duration.ofSeconds(1)).get()[0]);
            ExecutionException unknown = assertThrows(ExecutionException.class,
                    () -> resolving.resolve("nothing.test", Duration.ofSeconds(1)).get());
            assertTrue(unknown.getCause() instanceof java.net.UnknownHostException);
        }
    }
}
