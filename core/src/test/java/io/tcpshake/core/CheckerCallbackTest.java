package io.tcpshake.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tcpshake.core.testing.LoopbackTargets;
import io.tcpshake.core.testing.LoopbackTargets.UpListener;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AutoClose;

/** Where check futures complete: off the loop by default, on a given executor, or on the loop when asked. */
class CheckerCallbackTest {
    /** Long enough that a callback attached right after submitting is attached before the result. */
    private static final Duration CALLBACK_ATTACHED_FIRST = Duration.ofMillis(300);

    @AutoClose
    private final LoopbackTargets targets = new LoopbackTargets();
    @AutoClose
    private Checker checker;

    @ForEachEngine
    void callbacksRunOffTheLoopThreadByDefault(EngineChoice engine) throws Exception {
        String loopName = "tcpshake-callback-loop-" + engine;
        checker = EngineUnderTest.started(EngineUnderTest.builder(engine).threadName(loopName));
        // A check that takes its whole timeout: the callback is attached long before the result, so it
        // runs where the future is completed (attached after completion, it would run on this thread).
        InetSocketAddress slow = targets.timeoutAddress(LoopbackTargets.V4);

        String callbackThread = checker.checkAsync(slow, CALLBACK_ATTACHED_FIRST)
                .thenApply(result -> Thread.currentThread().getName()).get(5, TimeUnit.SECONDS);

        assertNotEquals(loopName, callbackThread);
        assertTrue(callbackThread.startsWith("tcpshake-"), "callback thread " + callbackThread);
    }

    @ForEachEngine
    void callbacksRunOnTheGivenExecutor(EngineChoice engine) throws Exception {
        ExecutorService mine = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-callbacks"));
        try {
            checker = EngineUnderTest.started(EngineUnderTest.builder(engine).callbackExecutor(mine));
            InetSocketAddress slow = targets.timeoutAddress(LoopbackTargets.V4);

            String callbackThread = checker.checkAsync(slow, CALLBACK_ATTACHED_FIRST)
                    .thenApply(result -> Thread.currentThread().getName()).get(5, TimeUnit.SECONDS);

            assertEquals("test-callbacks", callbackThread);
        } finally {
            mine.shutdownNow();
        }
    }

    /** A callback on the loop thread submits the next check: no wake-up is needed, none may be lost. */
    @ForEachEngine
    void aChainOfChecksSubmittedFromLoopThreadCallbacksRunsToTheEnd(EngineChoice engine) throws Exception {
        String loopName = "tcpshake-chain-loop-" + engine;
        checker = EngineUnderTest.started(EngineUnderTest.builder(engine).threadName(loopName).callbacksOnLoopThread());
        UpListener listener = targets.upListener(LoopbackTargets.V4);
        InetSocketAddress refused = targets.refusedAddress(LoopbackTargets.V4);
        AtomicInteger remaining = new AtomicInteger(1000);
        AtomicInteger offLoop = new AtomicInteger();
        CompletableFuture<Void> done = new CompletableFuture<>();

        chain(listener.address(), refused, remaining, offLoop, loopName, done);

        done.get(30, TimeUnit.SECONDS);
        assertTrue(onLoop.get(), "no callback ran on the loop thread");
        assertEquals(0, offLoop.get(), "callbacks that ran off the loop thread once the chain was on it");
        assertEquals(0, listener.drainAccepted(), "connections the listener could accept");
    }

    private final java.util.concurrent.atomic.AtomicBoolean onLoop = new java.util.concurrent.atomic.AtomicBoolean();

    private void chain(InetSocketAddress up, InetSocketAddress refused, AtomicInteger remaining, AtomicInteger offLoop,
            String loopName, CompletableFuture<Void> done) {
        int left = remaining.getAndDecrement();
        if (left <= 0) {
            done.complete(null);
            return;
        }
        checker.checkAsync(left % 2 == 0 ? up : refused, Duration.ofSeconds(1)).whenComplete((result, error) -> {
            // The first callbacks may run on the test thread (a future can complete before whenComplete is
            // attached there); once one runs on the loop, every later check is submitted and attached on the
            // loop thread, which alone completes them.
            if (Thread.currentThread().getName().equals(loopName)) {
                onLoop.set(true);
            } else if (onLoop.get()) {
                offLoop.incrementAndGet();
            }
            if (error != null || result.outcome() != (left % 2 == 0 ? Outcome.UP : Outcome.REFUSED)) {
                done.completeExceptionally(new AssertionError("check " + left + ": " + (error != null ? error : result)));
                return;
            }
            chain(up, refused, remaining, offLoop, loopName, done);
        });
    }
}
