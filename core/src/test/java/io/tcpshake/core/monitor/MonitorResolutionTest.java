package io.tcpshake.core.monitor;

import static io.tcpshake.core.monitor.ScriptedChecks.address;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tcpshake.core.DaemonThreads;
import io.tcpshake.core.HostResolver;
import io.tcpshake.core.Outcome;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Names are resolved on every check, through the injected resolver (never a real lookup of a made-up name). */
class MonitorResolutionTest {
    private final ManualMonitor m = new ManualMonitor();

    @AfterEach
    void close() {
        m.close();
    }

    private static Target named(String host, int port) {
        return Target.builder(host, port).interval(Duration.ofSeconds(1)).timeout(Duration.ofMillis(500)).jitter(0)
                .initialDelay(Duration.ZERO).build();
    }

    @Test
    void namesAreResolvedOnEveryCheck() {
        List<String> lookups = new CopyOnWriteArrayList<>();
        HostResolver resolver = host -> {
            lookups.add(host);
            return new InetAddress[] {address(lookups.size() < 3 ? "127.0.0.1" : "127.0.0.2")};
        };
        m.start(m.builder().resolver(resolver), named("db.test", 7000));
        m.time.advance(Duration.ofSeconds(3));

        assertEquals(List.of("db.test", "db.test", "db.test", "db.test"), lookups);
        assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(3)), m.checks.callTimes("127.0.0.2"),
                "a new address is used as soon as the name resolves to it");
    }

    @Test
    void aNameThatDoesNotResolveIsDownWithTheReason() {
        HostResolver resolver = host -> {
            throw new UnknownHostException(host + ": Name or service not known");
        };
        m.start(m.builder().resolver(resolver), named("gone.test", 7000));
        m.time.runDue();

        TargetSnapshot snapshot = m.snapshot("gone.test:7000");
        assertEquals(TargetState.DOWN, snapshot.state());
        assertEquals(Outcome.RESOLVE_FAILED, snapshot.stateReason().outcome());
        assertEquals("unknown host: gone.test: Name or service not known", snapshot.stateReason().message());
        assertEquals("gone.test:7000", snapshot.lastResult().addressText());
        assertEquals(List.of(), m.checks.calls(), "no check without an address");
    }

    @Test
    void aSlowLookupTimesOutAndNeverDelaysOtherTargets() throws Exception {
        CountDownLatch dnsAnswers = new CountDownLatch(1);
        HostResolver resolver = host -> {
            try {
                dnsAnswers.await(10, java.util.concurrent.TimeUnit.SECONDS); // bounded: a regression fails, not hangs
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new InetAddress[] {address("127.0.0.2")};
        };
        ExecutorService resolverThreads = DaemonThreads.boundedPool("test-resolver", 1);
        try {
            m.start(m.builder().resolver(resolver).resolverExecutor(resolverThreads),
                    named("slow.test", 7000), named("127.0.0.1", 7001));
            m.time.advance(Duration.ofMillis(3500));

            assertEquals(4, m.checks.callTimes("127.0.0.1").size(), "checked every second all along");
            TargetSnapshot slow = m.snapshot("slow.test:7000");
            assertEquals(TargetState.DOWN, slow.state());
            assertEquals(4L, slow.checksByOutcome().get(Outcome.RESOLVE_FAILED));
            assertEquals("name resolution of 'slow.test' did not finish within 500 ms", slow.stateReason().message());
            assertTrue(m.checks.callTimes("127.0.0.2").isEmpty());
        } finally {
            dnsAnswers.countDown();
            resolverThreads.shutdownNow();
        }
    }
}
