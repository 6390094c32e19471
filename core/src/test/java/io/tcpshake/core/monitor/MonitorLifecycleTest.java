package io.tcpshake.core.monitor;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tcpshake.core.Checker;
import io.tcpshake.core.testing.LoopbackTargets;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The monitor inside a host application: daemon threads with tcpshake names, all gone after close. */
class MonitorLifecycleTest {
    @Test
    void threadsAreNamedDaemonsAndCloseStopsThem() throws Exception {
        try (LoopbackTargets loopback = new LoopbackTargets()) {
            InetSocketAddress refused = loopback.refusedAddress(LoopbackTargets.V4);
            RecordingListener listener = new RecordingListener();
            Monitor monitor = Monitor.builder().checker(Checker.builder().threadName("tcpshake-checker-lifecycle"))
                    .build();
            monitor.addListener(listener);
            monitor.put(Target.builder("127.0.0.1", refused.getPort()).name("gone").interval(Duration.ofMillis(50))
                    .initialDelay(Duration.ZERO).build());
            monitor.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> listener.results.size() >= 2);

            List<Thread> running = monitorThreads();
            List<String> names = running.stream().map(Thread::getName).distinct().sorted().collect(Collectors.toList());
            assertTrue(names.containsAll(List.of("tcpshake-monitor-events", "tcpshake-monitor-scheduler")), names.toString());
            assertTrue(running.stream().allMatch(Thread::isDaemon), "every monitor thread is a daemon");

            monitor.close();

            await().atMost(Duration.ofSeconds(10)).until(() -> monitorThreads().isEmpty());
            assertThrows(IllegalStateException.class, monitor::start);
        }
    }

    private static List<Thread> monitorThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && (t.getName().startsWith("tcpshake-monitor")
                        || t.getName().startsWith("tcpshake-checker-lifecycle")))
                .collect(Collectors.toList());
    }
}
