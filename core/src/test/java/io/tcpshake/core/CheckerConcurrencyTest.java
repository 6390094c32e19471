package io.tcpshake.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tcpshake.core.internal.engine.CheckEngine;
import io.tcpshake.core.internal.engine.PendingCheck;
import io.tcpshake.core.internal.engine.ResultSink;
import io.tcpshake.core.testing.LoopbackTargets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AutoClose;

/** Ten thousand checks in flight at once, submitted from several threads, each finishing once and right. */
class CheckerConcurrencyTest {
    private static final int CHECKS = 10_000;
    private static final int SUBMITTERS = 4;
    /**
     * Generous: this test is about every check finishing once and right under load, not about latency (the
     * deadline accuracy has its own test); on a busy two-core machine a burst of 10,000 takes a while.
     */
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    @AutoClose
    private final LoopbackTargets targets = new LoopbackTargets();

    @ForEachEngine
    void tenThousandConcurrentChecksEachCompleteOnceWithTheRightOutcome(EngineChoice engine) throws Exception {
        try (Checker checker = EngineUnderTest.started(engine)) {
            MixedTargets mixed = new MixedTargets(targets, LoopbackTargets.V4, 3);
            AtomicIntegerArray completions = new AtomicIntegerArray(CHECKS);
            List<CompletableFuture<CheckResult>> futures = new ArrayList<>(CHECKS);
            for (int i = 0; i < CHECKS; i++) {
                futures.add(null);
            }

            long start = System.nanoTime();
            submitFromSeveralThreads(i -> {
                // Keep the stage after the counting callback: waiting on the check's own future could return
                // before that callback has run (dependents of one future run one after another).
                futures.set(i, checker.checkAsync(mixed.address(i), TIMEOUT)
                        .whenComplete((result, error) -> completions.incrementAndGet(i)));
            });
            CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0])).get(30, TimeUnit.SECONDS);
            long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            List<String> wrong = new ArrayList<>();
            for (int i = 0; i < CHECKS; i++) {
                CheckResult result = futures.get(i).get();
                if (result.outcome() != mixed.expected(i) || !result.address().equals(mixed.address(i))) {
                    wrong.add("#" + i + " expected " + mixed.expected(i) + " at " + mixed.address(i)
                            + ", got " + result);
                }
                if (completions.get(i) != 1) {
                    wrong.add("#" + i + " completed " + completions.get(i) + " times");
                }
            }
            assertTrue(wrong.isEmpty(), wrong.size() + " checks wrong, e.g. "
                    + wrong.subList(0, Math.min(10, wrong.size())));
            // The listener may accept a handful: a burst of 10,000 on a loaded machine can stall the loop past
            // the ~200 ms delayed-ACK window for a check or two (CheckerWireTest pins zero at a sane concurrency).
            // Most UP checks turning into connections is a broken half-open check, not a stall.
            int upChecks = (int) java.util.stream.IntStream.range(0, CHECKS)
                    .filter(i -> mixed.expected(i) == Outcome.UP).count();
            int accepted = mixed.up.drainAccepted();
            assertTrue(accepted <= upChecks / 100, accepted + " of " + upChecks + " UP checks became connections the "
                    + "listener could accept (tolerated: 1 %)");
            System.out.printf("%s: %,d concurrent checks in %,d ms, %d of %,d UP checks accepted by the listener%n",
                    engine, CHECKS, elapsedMillis, accepted, upChecks);
        }
    }

    /**
     * The engine itself, under the checker: every submitted check reaches the result sink exactly once
     * (complete or fail, never both, never twice), including those still in flight when the loop stops.
     */
    @ForEachEngine
    void engineReportsEveryCheckExactlyOnceAlsoWhenStoppedMidway(EngineChoice engine) throws Exception {
        EngineUnderTest.assumeAvailable(engine);
        MixedTargets mixed = new MixedTargets(targets, LoopbackTargets.V4, 3);
        CheckEngine checkEngine = Engines.create(engine, Ticker.system());
        checkEngine.open();
        CountingSink sink = new CountingSink();
        Thread loop = new Thread(() -> checkEngine.runLoop(sink), "tcpshake-test-engine-loop");
        loop.setDaemon(true);
        loop.start();

        List<PendingCheck> checks = new ArrayList<>(CHECKS);
        for (int i = 0; i < CHECKS; i++) {
            long now = System.nanoTime();
            // The TIMEOUT ones wait a minute: still in flight when the loop stops.
            long timeout = mixed.expected(i) == Outcome.TIMEOUT ? TimeUnit.MINUTES.toNanos(1) : TIMEOUT.toNanos();
            checks.add(new PendingCheck(mixed.address(i), true, now, now + timeout, new CompletableFuture<>()));
        }
        submitFromSeveralThreads(i -> checkEngine.submit(checks.get(i)));
        for (int i = 0; i < CHECKS; i++) {
            if (mixed.expected(i) != Outcome.TIMEOUT) {
                checks.get(i).future().get(30, TimeUnit.SECONDS);
            }
        }
        checkEngine.stop();
        loop.join(10_000);
        assertTrue(!loop.isAlive(), "the engine loop still runs 10 s after stop()");

        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < CHECKS; i++) {
            PendingCheck check = checks.get(i);
            Integer reported = sink.completed.get(check);
            Integer failed = sink.failed.get(check);
            boolean timeoutCheck = mixed.expected(i) == Outcome.TIMEOUT;
            if (timeoutCheck ? failed == null || failed != 1 || reported != null
                    : reported == null || reported != 1 || failed != null) {
                wrong.add("#" + i + " (" + mixed.expected(i) + ") completed " + reported + ", failed " + failed);
            }
        }
        assertTrue(wrong.isEmpty(), wrong.size() + " checks reported wrongly, e.g. "
                + wrong.subList(0, Math.min(10, wrong.size())));
    }

    private interface Submission {
        void submit(int index) throws Exception;
    }

    /** Submits checks 0..CHECKS-1 from {@link #SUBMITTERS} threads at once, interleaved. */
    private static void submitFromSeveralThreads(Submission submission) throws Exception {
        ExecutorService submitters = Executors.newFixedThreadPool(SUBMITTERS);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (int t = 0; t < SUBMITTERS; t++) {
                int first = t;
                done.add(submitters.submit(() -> {
                    go.await();
                    for (int i = first; i < CHECKS; i += SUBMITTERS) {
                        submission.submit(i);
                    }
                    return null;
                }));
            }
            go.countDown();
            for (java.util.concurrent.Future<?> future : done) {
                future.get(30, TimeUnit.SECONDS);
            }
        } finally {
            submitters.shutdownNow();
        }
    }

    /** Counts per check how often the loop completed and failed it; completes the futures. Loop thread only. */
    private static final class CountingSink implements ResultSink {
        final Map<PendingCheck, Integer> completed = new IdentityHashMap<>();
        final Map<PendingCheck, Integer> failed = new IdentityHashMap<>();

        @Override
        public void complete(PendingCheck check, CheckResult result) {
            completed.merge(check, 1, Integer::sum);
            check.future().complete(result);
        }

        @Override
        public void fail(PendingCheck check, Throwable error) {
            failed.merge(check, 1, Integer::sum);
            check.future().completeExceptionally(error);
        }

        @Override
        public void flush() {
        }
    }
}
