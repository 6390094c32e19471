package io.tcpshake.core.monitor;

import io.tcpshake.core.CheckResult;
import io.tcpshake.core.Checker;
import io.tcpshake.core.EngineInfo;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

/**
 * The one thing a {@link Monitor} needs of a {@link Checker}: check a resolved address asynchronously. A
 * seam so schedule and state tests can script results; production always delegates to a real checker.
 */
interface CheckFunction {
    /** Starts a check of {@code address} (resolved); the future completes with the result of any outcome. */
    CompletableFuture<CheckResult> check(InetSocketAddress address, Duration timeout);

    /** The engine behind the checks. */
    EngineInfo engineInfo();

    /** Checks through {@code checker}. */
    static CheckFunction of(Checker checker) {
        return new CheckFunction() {
            @Override
            public CompletableFuture<CheckResult> check(InetSocketAddress address, Duration timeout) {
                return checker.checkAsync(address, timeout);
            }

            @Override
            public EngineInfo engineInfo() {
                return checker.engineInfo();
            }
        };
    }

    /**
     * Checks through {@code checker}, whose results are handed to its loop thread wherever the checker
     * completes them: the monitor processes them where its schedule runs. A result completed on the loop
     * already (a checker with callbacks on its loop thread, as the agent's) is processed at once, without a
     * task. When the checker is closed, they complete where they arrive.
     */
    static CheckFunction onLoopOf(Checker checker) {
        return new CheckFunction() {
            @Override
            public CompletableFuture<CheckResult> check(InetSocketAddress address, Duration timeout) {
                CompletableFuture<CheckResult> onLoop = new CompletableFuture<>();
                checker.checkAsync(address, timeout).whenComplete((result, error) -> {
                    if (checker.inLoop()) {
                        settle(onLoop, result, error);
                        return;
                    }
                    try {
                        checker.loopExecutor().execute(() -> settle(onLoop, result, error));
                    } catch (RejectedExecutionException closed) {
                        settle(onLoop, result, error);
                    }
                });
                return onLoop;
            }

            @Override
            public EngineInfo engineInfo() {
                return checker.engineInfo();
            }
        };
    }

    private static void settle(CompletableFuture<CheckResult> future, CheckResult result, Throwable error) {
        if (error == null) {
            future.complete(result);
        } else {
            future.completeExceptionally(error);
        }
    }
}
