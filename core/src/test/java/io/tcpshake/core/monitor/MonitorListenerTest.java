package io.tcpshake.core.monitor;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tcpshake.core.CheckResult;
import io.tcpshake.core.Outcome;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Listeners run on the events thread, in result order, and a throwing one stops nothing. */
class MonitorListenerTest {
    private final ManualTime time = new ManualTime();
    private final ScriptedChecks checks = new ScriptedChecks(time);

    private Monitor.Builder withDefaultListenerThread() {
        return Monitor.builder().ticker(time).clock(time).scheduler(time).checkFunction(checks)
                .resolverExecutor(Runnable::run).random(new Random(1));
    }

    private static Target target() {
        return Target.builder("127.0.0.1", 7000).name("db").interval(Duration.ofSeconds(1)).jitter(0)
                .initialDelay(Duration.ZERO).rise(1).fall(1).build();
    }

    @Test
    void listenersRunOnTheEventsThreadInResultOrder() {
        RecordingListener listener = new RecordingListener();
        try (Monitor monitor = withDefaultListenerThread().build()) {
            monitor.addListener(listener);
            monitor.put(target());
            monitor.start();
            for (int i = 0; i < 50; i++) {
                checks.answer("127.0.0.1", i % 2 == 0 ? Outcome.UP : Outcome.REFUSED);
                time.advance(i == 0 ? Duration.ZERO : Duration.ofSeconds(1));
            }

            await().atMost(Duration.ofSeconds(10)).until(() -> listener.results.size() == 50);
            await().atMost(Duration.ofSeconds(10)).until(() -> listener.changes.size() == 50);
            assertTrue(listener.threads.stream().allMatch("tcpshake-monitor-events"::equals), listener.threads.toString());
            for (int i = 0; i < 50; i++) {
                assertEquals(i + 1, listener.resultSnapshots.get(i).checks(), "results in order");
                assertEquals(i % 2 == 0 ? TargetState.UP : TargetState.DOWN, listener.changes.get(i).to());
            }
        }
    }

    @Test
    void aThrowingListenerIsLoggedAndStopsNothing() {
        RecordingListener listener = new RecordingListener();
        try (Monitor monitor = withDefaultListenerThread().build()) {
            monitor.addListener(new MonitorListener() {
                @Override
                public void onResult(TargetSnapshot snapshot, CheckResult result) {
                    throw new IllegalStateException("listener bug (thrown on purpose by the test)");
                }

                @Override
                public void onStateChange(StateChange change) {
                    throw new IllegalStateException("listener bug (thrown on purpose by the test)");
                }
            });
            monitor.addListener(listener);
            monitor.put(target());
            monitor.start();
            time.runDue();
            time.advance(Duration.ofSeconds(9));

            await().atMost(Duration.ofSeconds(10)).until(() -> listener.results.size() == 10);
            assertEquals(1, listener.changes.size());
            assertEquals(10, monitor.snapshot("db").orElseThrow().checks());
        }
    }

    @Test
    void aRemovedListenerHearsNoMore() {
        RecordingListener listener = new RecordingListener();
        try (Monitor monitor = withDefaultListenerThread().listenerExecutor(Runnable::run).build()) {
            monitor.addListener(listener);
            monitor.put(target());
            monitor.start();
            time.runDue();
            monitor.removeListener(listener);
            time.advance(Duration.ofSeconds(5));
            assertEquals(1, listener.results.size());
        }
    }
}
