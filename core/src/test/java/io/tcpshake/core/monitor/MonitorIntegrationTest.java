package io.tcpshake.core.monitor;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tcpshake.core.Checker;
import io.tcpshake.core.EngineChoice;
import io.tcpshake.core.Outcome;
import io.tcpshake.core.testing.LoopbackTargets;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The real schedule and the real checker against a loopback listener that stops and comes back. */
class MonitorIntegrationTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void listenerStoppedGoesDownAfterFallChecksAndRestartedComesUpAfterRiseChecks() throws Exception {
        ServerSocketChannel server = listen(0);
        int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
        RecordingListener listener = new RecordingListener();
        try (Monitor monitor = Monitor.builder().checker(Checker.builder().engine(EngineChoice.AUTO)).build()) {
            monitor.addListener(listener);
            monitor.put(Target.builder("127.0.0.1", port).name("svc").interval(Duration.ofMillis(50))
                    .timeout(Duration.ofSeconds(1)).rise(2).fall(3).build());
            monitor.start();

            await().atMost(WAIT).until(() -> listener.changes.size() == 1);
            assertEquals(TargetState.UP, listener.changes.get(0).to());
            await().atMost(WAIT).until(() -> monitor.snapshot("svc").orElseThrow().checks() >= 3);
            assertTrue(server.accept() == null, "half-open checks never reach the application's accept()");
            server.close();

            await().atMost(WAIT).until(() -> listener.changes.size() == 2);
            StateChange down = listener.changes.get(1);
            assertEquals(TargetState.UP, down.from());
            assertEquals(TargetState.DOWN, down.to());
            assertEquals(Outcome.REFUSED, down.reason().outcome());
            assertEquals("ECONNREFUSED", down.reason().errnoName());
            assertEquals(3L, down.snapshot().checksByOutcome().get(Outcome.REFUSED), "down after exactly fall checks");

            ServerSocketChannel restarted = listen(port);
            try {
                await().atMost(WAIT).until(() -> listener.changes.size() == 3);
                StateChange up = listener.changes.get(2);
                assertEquals(TargetState.DOWN, up.from());
                assertEquals(TargetState.UP, up.to());
                assertEquals(2L, up.snapshot().checksByOutcome().get(Outcome.UP)
                        - down.snapshot().checksByOutcome().get(Outcome.UP), "up after exactly rise checks");
                assertNull(restarted.accept(), "the restarted listener saw no connection either");

                TargetSnapshot snapshot = monitor.snapshot("svc").orElseThrow();
                assertTrue(snapshot.latency().count() >= 5, "UP and REFUSED latencies are summarised");
                assertTrue(snapshot.latency().maxNanos() < Duration.ofSeconds(1).toNanos());
                assertTrue(monitor.snapshot().checksTotal() >= snapshot.checks());
                assertTrue(listener.threads.stream().allMatch("tcpshake-events"::equals),
                        "listeners ran only on the events thread: " + listener.threads.stream().distinct()
                                .collect(java.util.stream.Collectors.toList()));
            } finally {
                restarted.close();
            }
        } finally {
            server.close();
        }
    }

    private static ServerSocketChannel listen(int port) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        server.bind(new InetSocketAddress(LoopbackTargets.V4, port), 64);
        server.configureBlocking(false);
        return server;
    }
}
