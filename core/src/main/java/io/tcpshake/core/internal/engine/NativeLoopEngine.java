package io.tcpshake.core.internal.engine;

import io.tcpshake.core.CheckResult;
import io.tcpshake.core.Ticker;

/**
 * The loop the native engines (epoll, raw) share: checks reach it through a {@link LoopInbox}, tasks
 * through {@link LoopTasks}, deadlines wait in {@link SlotDeadlines} keyed by the engine's slot, and a
 * sleeping loop is woken by the engine's eventfd. Each engine gives one iteration of its loop, how it
 * starts a check, what a check at its deadline releases, and how it shuts down.
 */
public abstract class NativeLoopEngine implements CheckEngine {
    protected final Ticker ticker;
    protected final LoopInbox inbox;
    protected final LoopTasks tasks;
    /** The deadlines of the checks in flight, by slot; loop thread only. */
    protected final SlotDeadlines deadlines = new SlotDeadlines();
    /** Where results go; set when the loop starts, loop thread only. */
    protected ResultSink sink;

    /**
     * @param ticker the clock of deadlines and latencies
     * @param startsPerIteration checks started per loop iteration, at most
     */
    protected NativeLoopEngine(Ticker ticker, int startsPerIteration) {
        this.ticker = ticker;
        this.inbox = new LoopInbox(startsPerIteration, this::wake, this::start);
        this.tasks = new LoopTasks(ticker, inbox::wakeIfSleeping);
    }

    @Override
    public final LoopTasks tasks() {
        return tasks;
    }

    @Override
    public final void submit(PendingCheck check) {
        inbox.submit(check);
    }

    @Override
    public final void stop() {
        inbox.stop();
    }

    /**
     * Runs {@link #runIteration()} until stopped, then fails what is left and releases everything. Each
     * iteration is a method of its own, not the body of this loop: the JIT compiles a method called once
     * (this one) only through on-stack replacement, after some 60,000 loop back-edges, so for the first
     * ~0.5 s of a busy run the loop ran interpreted; a method called once per iteration is compiled after
     * a few hundred calls.
     */
    @Override
    public final void runLoop(ResultSink sink) {
        this.sink = sink;
        inbox.runsOn(Thread.currentThread());
        tasks.runsOn(Thread.currentThread());
        try {
            while (!inbox.stopping()) {
                runIteration();
            }
        } finally {
            inbox.terminate();
            failInFlight();
            inbox.failQueued(sink);
            release();
            sink.flush();
        }
    }

    /** Writes the loop's eventfd, waking it from its wait; any thread, also before open and after release. */
    protected abstract void wake();

    /** One wait for answers and what follows it; loop thread. */
    protected abstract void runIteration();

    /** Starts one check handed over through the inbox; loop thread. */
    protected abstract void start(PendingCheck check);

    /**
     * The check in {@code slot} reached its deadline (already removed from {@link #deadlines}): releases
     * what it holds and returns it, to be reported TIMEOUT.
     */
    protected abstract PendingCheck endAtDeadline(int slot);

    /** At shutdown: fails every check in flight with {@code CheckerClosedException}, releasing its socket first. */
    protected abstract void failInFlight();

    /** At shutdown, before the last results go out: closes every descriptor and frees native memory. */
    protected abstract void release();

    /**
     * Reports TIMEOUT for every check whose deadline has passed. Nothing due at {@code batchNanos} (the
     * clock read of this iteration) costs no further clock read.
     */
    protected final void expireDeadlines(long batchNanos) {
        if (deadlines.isEmpty() || deadlines.earliestDeadline() - batchNanos > 0) {
            return;
        }
        long now = ticker.nanoTime();
        while (!deadlines.isEmpty() && deadlines.earliestDeadline() - now <= 0) {
            int slot = deadlines.earliestSlot();
            deadlines.remove(slot);
            PendingCheck check = endAtDeadline(slot);
            sink.complete(check, CheckResult.timeout(check.address(), check.timeoutNanos(), now - check.startNanos()));
        }
    }

    /** When the next deadline or task is due, whichever comes first; {@code Long.MAX_VALUE} when neither. */
    protected final long nextDueNanos() {
        return earlier(deadlines.earliestDeadline(), tasks.nextDueNanos());
    }

    /** The earlier of two ticker times, either of which may be {@code Long.MAX_VALUE} (none). */
    protected static long earlier(long a, long b) {
        if (a == Long.MAX_VALUE) {
            return b;
        }
        return b != Long.MAX_VALUE && b - a < 0 ? b : a;
    }

    /**
     * The wait until {@code dueNanos} in milliseconds, rounded up (waking before it would only spin back
     * into a shorter wait): 0 when it is due, -1 (no timeout) for {@code Long.MAX_VALUE}.
     */
    protected final int millisUntil(long dueNanos) {
        if (dueNanos == Long.MAX_VALUE) {
            return -1;
        }
        long delta = dueNanos - ticker.nanoTime();
        return delta <= 0 ? 0 : (int) Math.min(Integer.MAX_VALUE, (delta + 999_999) / 1_000_000);
    }
}
