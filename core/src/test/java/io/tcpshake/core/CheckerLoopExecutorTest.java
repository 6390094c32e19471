package io.tcpshake.core;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tcpshake.core.testing.LoopbackTargets;
import io.tcpshake.core.testing.LoopbackTargets.UpListener;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AutoClose;

/**
 * {@link Checker#loopExecutor()}: tasks and timers on the checking loop's thread, in due order, cancellable,
 * surviving a task that throws, rejected after close, and a burst of them never turning half-open checks
 * into connections. Time is a manual ticker where a delay matters, so nothing waits for the clock.
 */
class CheckerLoopExecutorTest {
    private static final String LOOP = "tcpshake-checker-loop-tasks";

    @AutoClose
    private final LoopbackTargets loopback = new LoopbackTargets();
    private final ManualTicker ticker = new ManualTicker();
    @AutoClose
    private Checker checker;

    @ForEachEngine
    void tasksRunOnTheLoopThreadInDueOrder(EngineChoice engine) throws Exception {
        ScheduledExecutorService loop = started(engine).loopExecutor();
        List<String> ran = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        for (String[] task : new String[][] {{"3s", "3000"}, {"1s-a", "1000"}, {"2s", "2000"}, {"1s-b", "1000"}}) {
            loop.schedule(() -> {
                ran.add(task[0]);
                threads.add(Thread.currentThread().getName());
            }, Long.parseLong(task[1]), TimeUnit.MILLISECONDS);
        }
        awaitOneLoopIteration(loop);
        assertEquals(List.of(), ran, "nothing is due before the ticker moves");

        ticker.advance(Duration.ofSeconds(5));
        awaitOneLoopIteration(loop);

        assertEquals(List.of("1s-a", "1s-b", "2s", "3s"), ran, "due order; submission order at the same instant");
        assertEquals(Collections.nCopies(4, LOOP), threads);
        assertFalse(checker.inLoop(), "the test's thread is not the loop");
        assertTrue(loop.submit(checker::inLoop).get(5, TimeUnit.SECONDS), "a task runs in the loop");
    }

    @ForEachEngine
    void aDelayedTaskRunsWhenItsDelayHasPassedOnTheTicker(EngineChoice engine) throws Exception {
        ScheduledExecutorService loop = started(engine).loopExecutor();
        AtomicInteger runs = new AtomicInteger();
        ScheduledFuture<?> task = loop.schedule(runs::incrementAndGet, 10, TimeUnit.SECONDS);
        assertEquals(10_000, task.getDelay(TimeUnit.MILLISECONDS));

        ticker.advance(Duration.ofMillis(9_999));
        awaitOneLoopIteration(loop);
        assertEquals(0, runs.get(), "1 ms early");
        assertEquals(1, task.getDelay(TimeUnit.MILLISECONDS));

        ticker.advance(Duration.ofMillis(1));
        awaitOneLoopIteration(loop);
        assertEquals(1, runs.get());
        assertTrue(task.isDone());
    }

    @ForEachEngine
    void aTaskFromAnotherThreadWakesTheSleepingLoop(EngineChoice engine) throws Exception {
        // The system ticker and no checks in flight: the loop sleeps without a timeout until woken.
        checker = EngineUnderTest.started(EngineUnderTest.builder(engine).threadName(LOOP));
        AtomicLong ranAt = new AtomicLong();
        long submittedAt = System.nanoTime();
        checker.loopExecutor().execute(() -> ranAt.set(System.nanoTime()));
        await().atMost(Duration.ofSeconds(5)).until(() -> ranAt.get() != 0);
        System.out.printf("%s: a task from another thread ran %.3f ms after it was submitted%n", engine,
                (ranAt.get() - submittedAt) / 1e6);
    }

    @ForEachEngine
    void aCancelledTaskNeverRuns(EngineChoice engine) throws Exception {
        ScheduledExecutorService loop = started(engine).loopExecutor();
        AtomicInteger runs = new AtomicInteger();
        ScheduledFuture<?> cancelled = loop.schedule(runs::incrementAndGet, 1, TimeUnit.SECONDS);
        ScheduledFuture<?> kept = loop.schedule(runs::incrementAndGet, 1, TimeUnit.SECONDS);

        assertTrue(cancelled.cancel(false));
        assertTrue(cancelled.isCancelled());
        ticker.advance(Duration.ofSeconds(2));
        awaitOneLoopIteration(loop);

        assertEquals(1, runs.get(), "only the task that was kept ran");
        assertTrue(kept.isDone() && !kept.isCancelled());
        assertFalse(cancelled.cancel(false), "cancelling twice changes nothing");
    }

    @ForEachEngine
    void aTaskThatThrowsIsReportedAndTheLoopGoesOn(EngineChoice engine) throws Exception {
        ScheduledExecutorService loop = started(engine).loopExecutor();
        List<String> ran = new CopyOnWriteArrayList<>();
        Future<?> failing = loop.submit(() -> {
            throw new IllegalStateException("a task's own failure");
        });
        loop.execute(() -> {
            throw new StackOverflowError("an Error is survived too");
        });
        loop.execute(() -> ran.add("after"));
        await().atMost(Duration.ofSeconds(5)).until(() -> ran.contains("after"));

        ExecutionException error = assertThrows(ExecutionException.class, () -> failing.get(5, TimeUnit.SECONDS));
        assertEquals("a task's own failure", error.getCause().getMessage());
        InetSocketAddress refused = loopback.refusedAddress(LoopbackTargets.V4);
        assertEquals(Outcome.REFUSED, checker.checkAsync(refused, Duration.ofSeconds(5)).get(5, TimeUnit.SECONDS)
                .outcome(), "the loop still checks");
    }

    @ForEachEngine
    void aPeriodicTaskRunsAgainUntilCancelled(EngineChoice engine) throws Exception {
        ScheduledExecutorService loop = started(engine).loopExecutor();
        AtomicInteger runs = new AtomicInteger();
        ScheduledFuture<?> periodic = loop.scheduleWithFixedDelay(runs::incrementAndGet, 1, 1, TimeUnit.SECONDS);
        for (int second = 1; second <= 3; second++) {
            ticker.advance(Duration.ofSeconds(1));
            awaitOneLoopIteration(loop);
            assertEquals(second, runs.get());
        }
        periodic.cancel(false);
        ticker.advance(Duration.ofSeconds(5));
        awaitOneLoopIteration(loop);
        assertEquals(3, runs.get());
    }

    @ForEachEngine
    void afterCloseTasksAreRejectedAndPendingOnesDropped(EngineChoice engine) throws Exception {
        ScheduledExecutorService loop = started(engine).loopExecutor();
        ScheduledFuture<?> pending = loop.schedule(() -> { }, 1, TimeUnit.HOURS);
        assertFalse(loop.isShutdown());

        checker.close();

        assertTrue(pending.isCancelled(), "dropped at close");
        assertTrue(loop.isShutdown());
        assertTrue(loop.awaitTermination(10, TimeUnit.SECONDS));
        assertTrue(loop.isTerminated());
        assertThrows(RejectedExecutionException.class, () -> loop.execute(() -> { }));
        assertThrows(RejectedExecutionException.class, () -> loop.schedule(() -> { }, 1, TimeUnit.SECONDS));
        assertThrows(UnsupportedOperationException.class, loop::shutdown, "it ends with its checker");
    }

    /**
     * Ten thousand tasks due at the same instant, each starting a half-open check from the loop thread:
     * they are spread over loop iterations, and so are the checks they start, so every answer is read
     * within the delayed-ACK window and the listener's {@code accept()} finds nothing (as in
     * {@link CheckerConcurrencyTest}, a loaded machine is allowed 1 %).
     */
    @ForEachEngine
    void aBurstOfTenThousandTasksStartingChecksMakesNoConnections(EngineChoice engine) throws Exception {
        int tasks = 10_000;
        ScheduledExecutorService loop = started(engine).loopExecutor();
        UpListener up = loopback.upListener(LoopbackTargets.V4);
        List<CompletableFuture<CheckResult>> checks = new ArrayList<>(Collections.nCopies(tasks, null));
        AtomicInteger offLoop = new AtomicInteger();
        for (int i = 0; i < tasks; i++) {
            int index = i;
            loop.schedule(() -> {
                if (!Thread.currentThread().getName().equals(LOOP)) {
                    offLoop.incrementAndGet();
                }
                // The manual ticker stands still, so no deadline expires: every check ends with its answer.
                checks.set(index, checker.checkAsync(up.address(), Duration.ofSeconds(2)));
            }, 1, TimeUnit.SECONDS);
        }
        long start = System.nanoTime();
        ticker.advance(Duration.ofSeconds(1));
        awaitOneLoopIteration(loop); // the wake-up task is due after the burst: it runs once all of it ran

        int notUp = 0;
        for (CompletableFuture<CheckResult> check : checks) {
            if (check.get(60, TimeUnit.SECONDS).outcome() != Outcome.UP) {
                notUp++;
            }
        }
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        int accepted = up.drainAccepted();
        System.out.printf("%s: %,d tasks due at once, each starting a check: done in %,d ms, %d accepted%n",
                engine, tasks, elapsedMillis, accepted);
        assertEquals(0, offLoop.get(), "tasks run on the loop thread");
        assertEquals(0, notUp, "every check is UP");
        assertTrue(accepted <= tasks / 100, accepted + " of " + tasks + " checks became connections the listener "
                + "could accept (tolerated: 1 %)");
    }

    private Checker started(EngineChoice engine) throws InterruptedException {
        checker = EngineUnderTest.started(EngineUnderTest.builder(engine).threadName(LOOP).ticker(ticker));
        return checker;
    }

    /**
     * Submits a task from this thread (which wakes the loop) and waits for it: every task due by now has
     * run by then, since a task due earlier runs before one due later.
     */
    private static void awaitOneLoopIteration(ScheduledExecutorService loop) throws Exception {
        loop.submit(() -> { }).get(30, TimeUnit.SECONDS);
    }

    /** Time that moves only when the test says so. */
    private static final class ManualTicker implements Ticker {
        private final AtomicLong nanos = new AtomicLong();

        @Override
        public long nanoTime() {
            return nanos.get();
        }

        void advance(Duration by) {
            nanos.addAndGet(by.toNanos());
        }
    }
}
