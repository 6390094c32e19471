package io.tcpshake.core.monitor;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tcpshake.core.Checker;
import io.tcpshake.core.CheckResult;
import io.tcpshake.core.testing.LoopbackTargets;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The monitor inside a host application: daemon threads with tcpshake names, the schedule and the results
 * on the checker's loop (no housekeeping thread unless one is given), listeners apart from it, all gone
 * after close.
 */
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
            assertTrue(names.contains("tcpshake-checker-lifecycle"), names.toString());
            assertFalse(names.contains("tcpshake-monitor"), "the schedule runs on the checker's loop: " + names);
            assertTrue(running.stream().allMatch(Thread::isDaemon), "every monitor thread is a daemon");
            assertTrue(names.stream().allMatch(name -> name.startsWith("tcpshake-")), names.toString());
            assertFalse(names.contains("tcpshake-checker-lifecycle-results-1"),
                    "results are processed on the checker's loop, not a thread of the checker's own: " + names);

            monitor.close();

            await().atMost(Duration.ofSeconds(10)).until(() -> monitorThreads().isEmpty());
            assertThrows(IllegalStateException.class, monitor::start);
        }
    }

    @Test
    void aSharedExecutorRunsTheScheduleAndTakesTheResultsAndOutlivesTheMonitor() throws Exception {
        ScheduledExecutorService shared = Monitor.newExecutor();
        try (LoopbackTargets loopback = new LoopbackTargets()) {
            InetSocketAddress refused = loopback.refusedAddress(LoopbackTargets.V4);
            Monitor monitor = Monitor.builder().executor(shared)
                    .checker(Checker.builder().threadName("tcpshake-checker-shared")).build();
            monitor.put(Target.builder("127.0.0.1", refused.getPort()).name("refused").interval(Duration.ofMillis(50))
                    .initialDelay(Duration.ZERO).build());
            monitor.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> monitor.snapshot("refused")
                    .map(TargetSnapshot::checks).orElse(0L) >= 3);
            Set<String> names = monitorThreads().stream().map(Thread::getName).collect(Collectors.toSet());
            assertEquals(Set.of("tcpshake-monitor", "tcpshake-checker-shared"), names,
                    "the loop plus the shared thread, which runs the schedule and takes the results");

            monitor.close();
            CountDownLatch stillRuns = new CountDownLatch(1);
            shared.execute(stillRuns::countDown);
            assertTrue(stillRuns.await(10, TimeUnit.SECONDS), "closing the monitor leaves a shared executor running");
            await().atMost(Duration.ofSeconds(10)).until(() -> monitorThreads().stream()
                    .noneMatch(thread -> thread.getName().startsWith("tcpshake-checker-shared")));
        } finally {
            shared.shutdownNow();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> monitorThreads().isEmpty());
    }

    /** Either way the given checker delivers results (its results thread, or its loop as the agent's does). */
    @ParameterizedTest(name = "callbacks on the loop thread: {0}")
    @ValueSource(booleans = {false, true})
    void aGivenCheckerRunsTheScheduleOnItsLoopAndTheMonitorAddsNoThread(boolean callbacksOnLoop) throws Exception {
        Checker.Builder builder = Checker.builder().threadName("tcpshake-checker-shared");
        try (LoopbackTargets loopback = new LoopbackTargets();
                Checker checker = (callbacksOnLoop ? builder.callbacksOnLoopThread() : builder).build()) {
            checker.start();
            InetSocketAddress refused = loopback.refusedAddress(LoopbackTargets.V4);
            RecordingListener listener = new RecordingListener();
            try (Monitor monitor = Monitor.builder().checker(checker).build()) {
                monitor.addListener(listener);
                monitor.put(Target.builder("127.0.0.1", refused.getPort()).name("refused")
                        .interval(Duration.ofMillis(50)).initialDelay(Duration.ZERO).build());
                monitor.start();
                await().atMost(Duration.ofSeconds(10)).until(() -> monitor.snapshot("refused")
                        .map(TargetSnapshot::checks).orElse(0L) >= 3);
                assertEquals(TargetState.DOWN, monitor.snapshot("refused").orElseThrow().state());
                await().atMost(Duration.ofSeconds(10)).until(() -> listener.results.size() >= 3);

                List<String> names = monitorThreads().stream().map(Thread::getName).distinct().sorted()
                        .collect(Collectors.toList());
                assertFalse(names.contains("tcpshake-monitor"), "no housekeeping thread: " + names);
                assertTrue(names.stream().allMatch(name -> name.startsWith("tcpshake-checker-shared")
                        || name.equals("tcpshake-events")), "only the loop (and its results thread, "
                        + "and the listeners' thread while events flow): " + names);
            }
        }
    }

    /** Closing a given checker under a running monitor stops every check: said once, as a warning. */
    @Test
    void aGivenCheckerClosedBeforeTheMonitorIsReportedNotSilent() throws Exception {
        Logger log = Logger.getLogger("io.tcpshake.monitor");
        List<LogRecord> warnings = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel() == Level.WARNING) {
                    warnings.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(capture);
        try (LoopbackTargets loopback = new LoopbackTargets();
                Checker checker = Checker.builder().build()) {
            checker.start();
            InetSocketAddress up = loopback.upListener(LoopbackTargets.V4).address();
            try (Monitor monitor = Monitor.builder().checker(checker).build()) {
                monitor.put(Target.builder("127.0.0.1", up.getPort()).name("up")
                        .interval(Duration.ofMillis(50)).initialDelay(Duration.ZERO).build());
                monitor.start();
                await().atMost(Duration.ofSeconds(10)).until(() -> monitor.snapshot("up")
                        .map(TargetSnapshot::checks).orElse(0L) >= 3);

                checker.close();
                await().atMost(Duration.ofSeconds(10)).until(() -> !warnings.isEmpty());
                assertTrue(warnings.get(0).getMessage().contains("its checker's loop has ended while the monitor runs"),
                        warnings.get(0).getMessage());
            }
            assertEquals(1, warnings.size(), "said once, and not again when the monitor closes");
        } finally {
            log.removeHandler(capture);
        }
    }

    @Test
    void aSlowListenerDelaysNoCheck() throws Exception {
        try (LoopbackTargets loopback = new LoopbackTargets()) {
            InetSocketAddress refused = loopback.refusedAddress(LoopbackTargets.V4);
            CountDownLatch release = new CountDownLatch(1);
            try (Monitor monitor = Monitor.builder().build()) {
                monitor.addListener(new MonitorListener() {
                    @Override
                    public void onResult(TargetSnapshot snapshot, CheckResult result) {
                        try {
                            release.await(30, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                });
                monitor.put(Target.builder("127.0.0.1", refused.getPort()).name("refused")
                        .interval(Duration.ofMillis(50)).initialDelay(Duration.ZERO).build());
                monitor.start();
                // The listener is stuck in its first event; the schedule goes on.
                await().atMost(Duration.ofSeconds(10)).until(() -> monitor.snapshot("refused")
                        .map(TargetSnapshot::checks).orElse(0L) >= 5);
            } finally {
                release.countDown();
            }
        }
    }

    private static List<Thread> monitorThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && (t.getName().startsWith("tcpshake-monitor")
                        || t.getName().equals("tcpshake-events")
                        || t.getName().startsWith("tcpshake-checker-lifecycle")
                        || t.getName().startsWith("tcpshake-checker-shared")))
                .collect(Collectors.toList());
    }
}
