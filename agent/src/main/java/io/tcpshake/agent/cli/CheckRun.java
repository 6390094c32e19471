package io.tcpshake.agent.cli;

import io.tcpshake.core.CheckResult;
import io.tcpshake.core.Checker;
import io.tcpshake.core.Errno;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Runs {@code checksPerAddress} checks of every target, round-robin over the targets, keeping
 * {@code concurrency} in flight. The checker completes futures on its loop thread, and the callback
 * there only records the result and submits the next check: no thread hop and no blocking per check.
 * Printing happens on the caller's thread, from a queue, so a slow terminal cannot stall the loop.
 */
final class CheckRun {
    private final Checker checker;
    private final List<CheckTarget> targets;
    private final List<AddressTally> tallies;
    private final List<BiConsumer<CheckResult, Throwable>> callbacks;
    private final long total;
    private final Duration timeout;
    private final boolean zeroLinger;
    private final BlockingQueue<Arrived> arrivals;

    // Launching is serialized by the work-in-progress counter (queue-drain pattern): whoever raises it
    // from 0 launches for everyone, so a result completing inside checkAsync never recurses.
    private final AtomicInteger wip = new AtomicInteger();
    private final AtomicInteger freeSlots;
    private long nextIndex;

    private final AtomicLong completed = new AtomicLong();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile long startNanos;
    private volatile long endNanos;
    private final Object printing = new Object();
    private boolean printingStopped;

    /** A result and the target it belongs to, for printing as it arrives. */
    static final class Arrived {
        final CheckTarget target;
        final CheckResult result;

        Arrived(CheckTarget target, CheckResult result) {
            this.target = target;
            this.result = result;
        }
    }

    CheckRun(Checker checker, List<CheckTarget> targets, int checksPerAddress, int concurrency, Duration timeout,
            boolean zeroLinger, boolean keepArrivals) {
        this.checker = checker;
        this.targets = List.copyOf(targets);
        this.total = (long) checksPerAddress * targets.size();
        this.timeout = timeout;
        this.zeroLinger = zeroLinger;
        this.freeSlots = new AtomicInteger((int) Math.min(concurrency, total));
        this.arrivals = keepArrivals ? new LinkedBlockingQueue<>() : null;
        List<AddressTally> tallyList = new ArrayList<>();
        List<BiConsumer<CheckResult, Throwable>> callbackList = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            tallyList.add(new AddressTally(targets.get(i).label(), targets.get(i)));
            int index = i;
            callbackList.add((result, error) -> onResult(index, result, error));
        }
        this.tallies = Collections.unmodifiableList(tallyList);
        this.callbacks = callbackList;
    }

    /**
     * Starts the checks and waits for all of them; with arrivals kept, hands each result to
     * {@code onArrival} on this thread as it comes.
     */
    void run(Consumer<Arrived> onArrival, Runnable afterBatch) throws InterruptedException {
        warmUp();
        startNanos = System.nanoTime();
        drain();
        if (arrivals == null) {
            finished.await();
            return;
        }
        List<Arrived> batch = new ArrayList<>();
        while (true) {
            Arrived first = arrivals.poll(50, TimeUnit.MILLISECONDS);
            if (first != null) {
                batch.add(first);
                arrivals.drainTo(batch, 4096);
                synchronized (printing) {
                    if (!printingStopped) {
                        batch.forEach(onArrival);
                        afterBatch.run();
                    }
                }
                batch.clear();
            } else if (finished.getCount() == 0 && arrivals.isEmpty()) {
                return;
            }
        }
    }

    /**
     * No result is handed to {@code onArrival} after this returns: a run cut short prints its partial
     * summary last, not in between result lines.
     */
    void stopPrinting() {
        synchronized (printing) {
            printingStopped = true;
        }
    }

    // The first use of a lambda bootstraps it, and the first result of a kind loads its classes (tens of
    // ms together): do that for the result path before the clock starts, so checks/s measures checks and
    // the loop thread never waits.
    private static void warmUp() {
        AddressTally scratch = new AddressTally("warm-up", null);
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 1);
        scratch.record(CheckResult.up(loopback, 1));
        scratch.record(CheckResult.connectFailed(loopback, Errno.ECONNREFUSED, 1));
        scratch.latency();
        new CompletableFuture<CheckResult>().whenComplete((result, error) -> { });
    }

    List<AddressTally> tallies() {
        return tallies;
    }

    long total() {
        return total;
    }

    /** From the first check's start to the last check's result. */
    long elapsedNanos() {
        return Math.max(1, endNanos - startNanos);
    }

    /** Whether every check has its result. */
    boolean isFinished() {
        return finished.getCount() == 0;
    }

    /** From the first check's start to now: the elapsed time of a run cut short. */
    long elapsedSoFarNanos() {
        return Math.max(1, System.nanoTime() - startNanos);
    }

    private void drain() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            while (nextIndex < total && freeSlots.get() > 0) {
                freeSlots.decrementAndGet();
                long index = nextIndex++;
                launch((int) (index % targets.size()));
            }
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }

    private void launch(int targetIndex) {
        CheckTarget target = targets.get(targetIndex);
        if (target.resolved() == null) {
            onResult(targetIndex, CheckResult.resolveFailed(target.given(), target.resolveFailure(),
                    target.resolveNanos()), null);
            return;
        }
        CompletableFuture<CheckResult> future;
        try {
            future = checker.checkAsync(target.resolved(), timeout, zeroLinger);
        } catch (RuntimeException e) {
            onResult(targetIndex, null, e);
            return;
        }
        future.whenComplete(callbacks.get(targetIndex));
    }

    private static String describe(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null
                ? error.getCause() : error;
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    }

    private void onResult(int targetIndex, CheckResult result, Throwable error) {
        CheckTarget target = targets.get(targetIndex);
        CheckResult recorded = result != null ? result
                : CheckResult.error(target.resolved(), 0, "the check could not run: " + describe(error), 0);
        tallies.get(targetIndex).record(recorded);
        if (arrivals != null) {
            arrivals.offer(new Arrived(target, recorded));
        }
        if (completed.incrementAndGet() == total) {
            endNanos = System.nanoTime();
            finished.countDown();
        }
        freeSlots.incrementAndGet();
        drain();
    }
}
