package io.tcpshake.core.monitor;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tcpshake.core.CheckResult;
import io.tcpshake.core.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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
            assertTrue(listener.threads.stream().allMatch("tcpshake-events"::equals), listener.threads.toString());
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

    /**
     * Results are the one event per check: they are handed to the listener executor (waking its thread) only
     * for listeners that implement onResult and want results now, so a monitor followed for its state changes
     * alone leaves the listener thread idle between changes.
     */
    @Test
    void resultsAreHandedToTheListenerExecutorOnlyWhenAListenerWantsThem() {
        AtomicInteger handOffs = new AtomicInteger();
        Executor counting = task -> {
            handOffs.incrementAndGet();
            task.run();
        };
        List<StateChange> changes = new ArrayList<>();
        MonitorListener stateChangesOnly = new MonitorListener() {
            @Override
            public void onStateChange(StateChange change) {
                changes.add(change);
            }
        };
        AtomicBoolean wanted = new AtomicBoolean();
        AtomicInteger heard = new AtomicInteger();
        MonitorListener switchable = new MonitorListener() {
            @Override
            public boolean wantsResults() {
                return wanted.get();
            }

            @Override
            public void onResult(TargetSnapshot snapshot, CheckResult result) {
                heard.incrementAndGet();
            }
        };
        try (Monitor monitor = withDefaultListenerThread().listenerExecutor(counting).build()) {
            monitor.addListener(stateChangesOnly);
            monitor.addListener(switchable);
            monitor.put(target());
            monitor.start();
            time.runDue();
            assertEquals(1, changes.size(), "the first result decided the state");
            int afterFirstResult = handOffs.get();

            time.advance(Duration.ofSeconds(20));
            assertEquals(21, monitor.snapshot("db").orElseThrow().checks());
            assertEquals(afterFirstResult, handOffs.get(), "20 results, no state change: nothing handed over");
            assertEquals(0, heard.get());

            wanted.set(true);
            time.advance(Duration.ofSeconds(5));
            assertEquals(5, heard.get(), "wanted again: every result is heard");
            assertEquals(afterFirstResult + 5, handOffs.get());
        }
    }
}
