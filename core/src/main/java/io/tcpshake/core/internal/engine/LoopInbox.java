package io.tcpshake.core.internal.engine;

import io.tcpshake.core.CheckerClosedException;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * How checks reach an engine's loop thread, and how the loop sleeps and is woken: what every native engine
 * shares. Other threads queue checks on a lock-free queue and wake the loop (an eventfd write, done by the
 * engine) only when it announced a sleep, once per sleep; checks submitted on the loop thread itself (a
 * callback starting the next check) go to a queue of their own, without contention or wake-up. Each
 * iteration starts a bounded number of them, so a burst cannot hold up the reading of answers.
 */
public final class LoopInbox {
    private static final int AWAKE = 0;
    private static final int SLEEPING = 1;
    private static final int WOKEN = 2;

    private final ConcurrentLinkedQueue<PendingCheck> submissions = new ConcurrentLinkedQueue<>();
    private final ArrayDeque<PendingCheck> loopSubmissions = new ArrayDeque<>();
    private final AtomicInteger wakeState = new AtomicInteger(AWAKE);
    private final int startsPerIteration;
    private final Runnable wake;
    private final Consumer<PendingCheck> start;
    private volatile boolean stopping;
    private volatile boolean terminated;
    private volatile Thread loopThread;
    /** Checks this iteration may still start; loop thread only. */
    private int startsLeft;

    /**
     * @param startsPerIteration checks started per loop iteration, at most
     * @param wake wakes the sleeping loop (writes its eventfd); any thread
     * @param start starts one check; called on the loop thread
     */
    public LoopInbox(int startsPerIteration, Runnable wake, Consumer<PendingCheck> start) {
        this.startsPerIteration = startsPerIteration;
        this.wake = wake;
        this.start = start;
    }

    /** The loop runs on {@code thread} from now on. */
    public void runsOn(Thread thread) {
        loopThread = thread;
    }

    /** Hands a check to the loop; any thread. A check handed over after the loop ended fails at once. */
    public void submit(PendingCheck check) {
        if (Thread.currentThread() == loopThread && !terminated) {
            loopSubmissions.add(check);
            return;
        }
        submissions.offer(check);
        if (terminated) {
            PendingCheck late;
            while ((late = submissions.poll()) != null) {
                late.future().completeExceptionally(new CheckerClosedException());
            }
        } else {
            wakeIfSleeping();
        }
    }

    /** Wakes the loop only when it announced a sleep, and only once per sleep; any thread. */
    public void wakeIfSleeping() {
        if (wakeState.get() == SLEEPING && wakeState.compareAndSet(SLEEPING, WOKEN)) {
            wake.run();
        }
    }

    /** Asks the loop to finish and wakes it; any thread, idempotent. */
    public void stop() {
        stopping = true;
        wakeState.set(WOKEN);
        wake.run();
    }

    public boolean stopping() {
        return stopping;
    }

    /** No check waits to be started. */
    public boolean isEmpty() {
        return submissions.isEmpty() && loopSubmissions.isEmpty();
    }

    /** A callback on the loop thread submitted a check. */
    public boolean hasLoopSubmissions() {
        return !loopSubmissions.isEmpty();
    }

    /**
     * Announces a sleep of {@code timeoutMillis} (not 0) before the loop blocks; returns the timeout to block
     * with: 0 when a check, a stop or a task ({@code tasksAddedFromOutside}) came in meanwhile, since its
     * wake-up may have been skipped. Call {@link #awake()} once the wait returns.
     */
    public int announceSleep(int timeoutMillis, boolean tasksAddedFromOutside) {
        wakeState.set(SLEEPING);
        return !submissions.isEmpty() || stopping || tasksAddedFromOutside ? 0 : timeoutMillis;
    }

    /** The wait after {@link #announceSleep} returned. */
    public void awake() {
        wakeState.set(AWAKE);
    }

    /** A new loop iteration: its bound of starts begins afresh. */
    public void newIteration() {
        startsLeft = startsPerIteration;
    }

    /** Starts queued checks, from other threads and then the loop's own, within what is left of the bound. */
    public void startSubmissions() {
        PendingCheck check;
        while (startsLeft > 0 && (check = submissions.poll()) != null) {
            startsLeft--;
            start.accept(check);
        }
        startLoopSubmissions();
    }

    /**
     * Starts the checks callbacks on the loop thread submitted, within what is left of the bound. Only those
     * queued before this point: a callback that resubmits on an immediate failure must not keep the loop
     * from waiting for answers.
     */
    public void startLoopSubmissions() {
        for (int queued = loopSubmissions.size(); queued > 0 && startsLeft > 0; queued--) {
            startsLeft--;
            start.accept(loopSubmissions.poll());
        }
    }

    /** The loop is ending: checks submitted from now on fail at once. */
    public void terminate() {
        terminated = true;
    }

    /** Fails every check still queued with {@link CheckerClosedException}; after {@link #terminate()}. */
    public void failQueued(ResultSink sink) {
        PendingCheck check;
        while ((check = loopSubmissions.poll()) != null) {
            sink.fail(check, new CheckerClosedException());
        }
        while ((check = submissions.poll()) != null) {
            sink.fail(check, new CheckerClosedException());
        }
    }
}
