package io.tcpshake.core.internal.engine;

import io.tcpshake.core.CheckResult;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Completes check futures off the loop thread. The loop collects the results of one iteration and hands
 * them over as one batch, so a slow callback can never delay the close of another check's socket (a
 * stall there turns a half-open check into a real connection), and the hand-over costs one task per
 * iteration, not one per check.
 *
 * <p>With a direct executor ({@code Runnable::run}) futures complete on the loop thread itself: the
 * fastest path, for callers whose callbacks only submit the next check.
 */
public final class ResultDispatcher implements ResultSink {
    private final Executor executor;
    private final boolean direct;
    private Object[] batch = new Object[64];
    private int size;

    /** @param executor where futures complete; {@code null} means directly on the loop thread */
    public ResultDispatcher(Executor executor) {
        this.executor = executor;
        this.direct = executor == null;
    }

    @Override
    public void complete(PendingCheck check, CheckResult result) {
        if (direct) {
            check.future().complete(result);
        } else {
            add(check.future(), result);
        }
    }

    @Override
    public void fail(PendingCheck check, Throwable error) {
        if (direct) {
            check.future().completeExceptionally(error);
        } else {
            add(check.future(), error);
        }
    }

    @Override
    public void flush() {
        if (size == 0) {
            return;
        }
        Object[] handed = batch;
        int count = size;
        batch = new Object[Math.max(64, handed.length)];
        size = 0;
        Runnable delivery = () -> deliver(handed, count);
        try {
            executor.execute(delivery);
        } catch (RejectedExecutionException e) {
            // The callback executor is shut down (checker closing): complete here rather than lose results.
            delivery.run();
        }
    }

    private void add(CompletableFuture<CheckResult> future, Object outcome) {
        if (size + 2 > batch.length) {
            batch = java.util.Arrays.copyOf(batch, batch.length * 2);
        }
        batch[size++] = future;
        batch[size++] = outcome;
    }

    @SuppressWarnings("unchecked")
    private static void deliver(Object[] batch, int count) {
        for (int i = 0; i < count; i += 2) {
            CompletableFuture<CheckResult> future = (CompletableFuture<CheckResult>) batch[i];
            Object outcome = batch[i + 1];
            if (outcome instanceof CheckResult) {
                future.complete((CheckResult) outcome);
            } else {
                future.completeExceptionally((Throwable) outcome);
            }
        }
    }
}
