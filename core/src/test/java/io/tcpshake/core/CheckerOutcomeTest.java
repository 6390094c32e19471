package io.tcpshake.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tcpshake.core.testing.LoopbackTargets;
import io.tcpshake.core.testing.LoopbackTargets.UpListener;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;

/** What each kind of target gives, through the synchronous and the asynchronous API, on both engines. */
class CheckerOutcomeTest {
    private static final Duration ONE_SECOND = Duration.ofSeconds(1);
    /** 150 ms: the 150 ms check must still end before the 400 ms one would; a loaded machine delays by tens of ms. */
    private static final long LATE_MARGIN_MILLIS = 150;

    @AutoClose
    private final LoopbackTargets targets = new LoopbackTargets();
    @AutoClose
    private Checker checker;

    @ForEachEngine
    void listeningPortIsUpAndTheListenerAcceptsNothing(EngineChoice engine) throws Exception {
        checker = EngineUnderTest.started(engine);
        UpListener listener = targets.upListener(LoopbackTargets.V4);

        CheckResult result = checker.checkAddr(HostPort.format(listener.address()), ONE_SECOND);

        assertEquals(Outcome.UP, result.outcome());
        assertEquals(listener.address(), result.address());
        assertEquals(IpFamily.IPV4, result.family());
        assertEquals(0, result.errno());
        assertTrue(result.latencyNanos() > 0, "latency " + result.latencyNanos());
        assertTrue(listener.acceptedNothing(), "the listener's accept() found a connection");
    }

    @ForEachEngine
    void refusedPortThrowsConnectFailedWithErrno111WithinMilliseconds(EngineChoice engine) throws Exception {
        checker = EngineUnderTest.started(engine);
        InetSocketAddress refused = targets.refusedAddress(LoopbackTargets.V4);

        long start = System.nanoTime();
        ConnectFailedException failure = assertThrows(ConnectFailedException.class,
                () -> checker.checkAddr(HostPort.format(refused), Duration.ofSeconds(5)));
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertEquals(Errno.ECONNREFUSED, failure.errno());
        assertTrue(failure.getMessage().contains("Connection refused"), failure.getMessage());
        assertEquals(Outcome.REFUSED, failure.result().outcome());
        assertEquals("ECONNREFUSED", failure.result().errnoName());
        assertTrue(elapsedMillis < 100, "a refused check took " + elapsedMillis + " ms");
    }

    @ForEachEngine
    void fullBacklogListenerThrowsCheckTimeout(EngineChoice engine) throws Exception {
        checker = EngineUnderTest.started(engine);
        InetSocketAddress silent = targets.timeoutAddress(LoopbackTargets.V4);

        CheckTimeoutException failure = assertThrows(CheckTimeoutException.class,
                () -> checker.checkAddr(HostPort.format(silent), Duration.ofMillis(100)));

        assertEquals(Outcome.TIMEOUT, failure.result().outcome());
        assertEquals(silent, failure.result().address());
    }

    @ForEachEngine
    void timeoutArrivesAtTheDeadline(EngineChoice engine) throws Exception {
        checker = EngineUnderTest.started(engine);
        InetSocketAddress silent = targets.timeoutAddress(LoopbackTargets.V4);

        // Two different timeouts: a checker that ignored the timeout (or used a fixed one) fails one of them.
        // Within 50 ms early; late by at most LATE_MARGIN_MILLIS, which still tells 150 from 400 and leaves room for
        // a loaded machine's scheduling delays (the check's own deadline is what is pinned, not the machine).
        for (long timeoutMillis : new long[] {150, 400}) {
            long start = System.nanoTime();
            CheckResult result = checker.checkAsync(silent, Duration.ofMillis(timeoutMillis)).get(5, TimeUnit.SECONDS);
            long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertEquals(Outcome.TIMEOUT, result.outcome());
            assertTrue(elapsedMillis >= timeoutMillis - 50 && elapsedMillis <= timeoutMillis + LATE_MARGIN_MILLIS,
                    "timeout " + timeoutMillis + " ms, completed after " + elapsedMillis + " ms");
            long reportedMillis = result.latency().toMillis();
            assertTrue(reportedMillis >= timeoutMillis && reportedMillis <= timeoutMillis + LATE_MARGIN_MILLIS,
                    "timeout " + timeoutMillis + " ms, latency reported " + reportedMillis + " ms");
        }
    }

    @ForEachEngine
    void downTargetsAreResultsOfTheAsyncFormNotExceptions(EngineChoice engine) throws Exception {
        checker = EngineUnderTest.started(engine);
        InetSocketAddress refused = targets.refusedAddress(LoopbackTargets.V4);

        CheckResult result = checker.checkAsync(refused, ONE_SECOND).get(5, TimeUnit.SECONDS);

        assertEquals(Outcome.REFUSED, result.outcome());
        assertEquals(Errno.ECONNREFUSED, result.errno());
        assertEquals("Connection refused", result.message());
    }

    @ForEachEngine
    void ipv6LoopbackIsUpOrRefused(EngineChoice engine) throws Exception {
        checker = EngineUnderTest.started(engine);
        UpListener listener = targets.upListener(LoopbackTargets.V6);
        InetSocketAddress refused = targets.refusedAddress(LoopbackTargets.V6);

        CheckResult up = checker.checkAddr("[::1]:" + listener.address().getPort(), ONE_SECOND);
        ConnectFailedException down = assertThrows(ConnectFailedException.class,
                () -> checker.checkAddr("[::1]:" + refused.getPort(), ONE_SECOND));

        assertEquals(IpFamily.IPV6, up.family());
        assertEquals("[::1]:" + listener.address().getPort(), up.addressText());
        assertEquals(Outcome.REFUSED, down.result().outcome());
        assertEquals(IpFamily.IPV6, down.result().family());
        assertTrue(listener.acceptedNothing(), "the IPv6 listener's accept() found a connection");
    }

    @ForEachEngine
    void localhostIsResolvedAndChecked(EngineChoice engine) throws Exception {
        checker = EngineUnderTest.started(engine);
        // localhost is the one real name a test may look up; listen where the JDK puts it first.
        InetAddress first = InetAddress.getAllByName("localhost")[0];
        UpListener listener = targets.upListener(first);

        CheckResult result = checker.checkAddr("localhost:" + listener.address().getPort(), ONE_SECOND);

        assertEquals(Outcome.UP, result.outcome());
        assertEquals(first, result.address().getAddress());
    }

    @ForEachEngine
    void unknownHostThrowsResolveFailed(EngineChoice engine) throws Exception {
        HostResolver unknown = host -> {
            throw new UnknownHostException(host + ": Name or service not known");
        };
        checker = EngineUnderTest.started(EngineUnderTest.builder(engine).resolver(unknown));

        ResolveFailedException failure = assertThrows(ResolveFailedException.class,
                () -> checker.checkAddr("db.invalid:5432", ONE_SECOND));

        assertEquals(Outcome.RESOLVE_FAILED, failure.result().outcome());
        assertEquals(IpFamily.UNKNOWN, failure.result().family());
        assertTrue(failure.getMessage().contains("db.invalid"), failure.getMessage());
    }

    @ForEachEngine
    void resolutionSlowerThanTheTimeoutFailsAtTheDeadline(EngineChoice engine) throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        HostResolver stuck = host -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new UnknownHostException(host + ": released by the test");
        };
        checker = EngineUnderTest.started(EngineUnderTest.builder(engine).resolver(stuck));
        try {
            long start = System.nanoTime();
            ResolveFailedException failure = assertThrows(ResolveFailedException.class,
                    () -> checker.checkAddr("slow.invalid:5432", Duration.ofMillis(200)));
            long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertEquals(Outcome.RESOLVE_FAILED, failure.result().outcome());
            assertTrue(failure.getMessage().contains("200 ms"), failure.getMessage());
            assertTrue(elapsedMillis >= 190 && elapsedMillis <= 200 + LATE_MARGIN_MILLIS, "resolution gave up after " + elapsedMillis + " ms");
        } finally {
            release.countDown();
        }
    }
}
