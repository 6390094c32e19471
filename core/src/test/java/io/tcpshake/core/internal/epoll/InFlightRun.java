package io.tcpshake.core.internal.epoll;

import io.tcpshake.core.CheckResult;
import io.tcpshake.core.Checker;
import io.tcpshake.core.Outcome;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;
import org.awaitility.Awaitility;

/**
 * Runs {@code total} checks keeping {@code inFlight} of them running: each completion submits the next
 * one, as a load generator would. Records every result by check number and how often each completed.
 */
final class InFlightRun {
    private final Checker checker;
    private final int total;
    private final IntFunction<InetSocketAddress> addressOf;
    private final IntFunction<Duration> timeoutOf;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicIntegerArray completions;
    private final AtomicReferenceArray<Object> results;

    private InFlightRun(Checker checker, int total, IntFunction<InetSocketAddress> addressOf,
            IntFunction<Duration> timeoutOf) {
        this.checker = checker;
        this.total = total;
        this.addressOf = addressOf;
        this.timeoutOf = timeoutOf;
        this.completions = new AtomicIntegerArray(total);
        this.results = new AtomicReferenceArray<>(total);
    }

    static InFlightRun run(Checker checker, int total, int inFlight, IntFunction<InetSocketAddress> addressOf,
            IntFunction<Duration> timeoutOf, Duration atMost) {
        InFlightRun run = new InFlightRun(checker, total, addressOf, timeoutOf);
        for (int i = 0; i < inFlight; i++) {
            run.startNext();
        }
        Awaitility.await(total + " checks, " + inFlight + " in flight").atMost(atMost)
                .pollInterval(Duration.ofMillis(20)).until(() -> run.done.get() >= total);
        return run;
    }

    private void startNext() {
        int i = next.getAndIncrement();
        if (i >= total) {
            return;
        }
        checker.checkAsync(addressOf.apply(i), timeoutOf.apply(i)).whenComplete((result, error) -> {
            results.set(i, error != null ? error : result);
            completions.incrementAndGet(i);
            done.incrementAndGet();
            startNext();
        });
    }

    CheckResult result(int i) {
        Object result = results.get(i);
        if (!(result instanceof CheckResult)) {
            throw new AssertionError("check " + i + " failed: " + result);
        }
        return (CheckResult) result;
    }

    /** Descriptions of the checks that completed other than once or with another outcome than expected. */
    List<String> mismatches(IntFunction<Outcome> expected) {
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            Object result = results.get(i);
            int count = completions.get(i);
            Outcome want = expected.apply(i);
            if (count != 1 || !(result instanceof CheckResult) || ((CheckResult) result).outcome() != want) {
                wrong.add("check " + i + " (" + addressOf.apply(i) + ", expected " + want + ") completed "
                        + count + " times: " + result);
            }
        }
        return wrong;
    }
}
