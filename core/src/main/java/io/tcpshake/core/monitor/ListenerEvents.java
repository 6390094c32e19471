package io.tcpshake.core.monitor;

import io.tcpshake.core.CheckResult;
import io.tcpshake.core.TcpshakeLoggers;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * Delivers events to the listeners on the listener executor, one event at a time in the order they were
 * fired (so a target's results arrive in order even on a multi-threaded executor). A listener that
 * throws is logged and the others still hear the event.
 *
 * <p>Results are the one event per check. They are handed to the listener executor only for listeners
 * that override {@link MonitorListener#onResult} and {@linkplain MonitorListener#wantsResults() want them}
 * now: a monitor whose listeners follow state changes only (the usual case: logs, JMX notifications)
 * wakes the listener thread on state changes alone, so that thread ends when idle instead of living for
 * the checks.
 */
final class ListenerEvents {
    private static final System.Logger LOG = TcpshakeLoggers.get("io.tcpshake.monitor");

    private final List<MonitorListener> listeners = new CopyOnWriteArrayList<>();
    /** The listeners that override {@link MonitorListener#onResult}: the only ones results go to. */
    private final List<MonitorListener> resultListeners = new CopyOnWriteArrayList<>();
    private final Executor executor;
    private final Scheduler scheduler;
    private final long gatherNanos;
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private boolean draining;
    /** A delivery is set on the scheduler ({@link #deliverSoon}); guarded by queue. */
    private boolean deliverySet;

    /**
     * @param scheduler where {@link #deliverSoon} sets its delivery
     * @param gatherNanos how long {@link #deliverSoon} gathers events before it hands them over; 0: at once
     */
    ListenerEvents(Executor executor, Scheduler scheduler, long gatherNanos) {
        this.executor = executor;
        this.scheduler = scheduler;
        this.gatherNanos = gatherNanos;
    }

    /** Listeners that threw before: their later failures are logged at DEBUG, so a broken one cannot flood the log. */
    private final Set<MonitorListener> failedBefore = Collections.newSetFromMap(new ConcurrentHashMap<>());

    void add(MonitorListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        if (overridesOnResult(listener)) {
            resultListeners.add(listener);
        }
    }

    void remove(MonitorListener listener) {
        listeners.remove(listener);
        resultListeners.remove(listener);
    }

    /** Whether {@code listener}'s class (or a superclass) implements onResult: the default does nothing. */
    private static boolean overridesOnResult(MonitorListener listener) {
        try {
            return listener.getClass().getMethod("onResult", TargetSnapshot.class, CheckResult.class)
                    .getDeclaringClass() != MonitorListener.class;
        } catch (NoSuchMethodException | SecurityException e) {
            return true; // cannot tell: deliver, as before this optimisation
        }
    }

    /** Queues a check's result for the listeners that want results; for when {@link #anyWantsResults()}. */
    void enqueueResult(TargetSnapshot snapshot, CheckResult result) {
        queue(() -> {
            for (MonitorListener listener : resultListeners) {
                try {
                    if (listener.wantsResults()) {
                        listener.onResult(snapshot, result);
                    }
                } catch (RuntimeException | Error e) {
                    logFailure(listener, "result", e);
                }
            }
        });
    }

    /**
     * Whether a listener wants results now: only then is a result queued ({@link #enqueueResult}), and its
     * snapshot made. Called where the monitor processes results (the checking loop): {@code wantsResults}
     * must be cheap.
     */
    boolean anyWantsResults() {
        for (MonitorListener listener : resultListeners) {
            try {
                if (listener.wantsResults()) {
                    return true;
                }
            } catch (RuntimeException e) {
                return true; // its onResult will say what is wrong with it, on the listener thread
            }
        }
        return false;
    }

    /** Whether any listener is registered: events (and the snapshots they carry) are made only then. */
    boolean hasListeners() {
        return !listeners.isEmpty();
    }

    /** Queues and delivers {@code call} for every listener; returns at once. */
    void fire(String event, Consumer<MonitorListener> call) {
        enqueue(event, call);
        deliver();
    }

    /**
     * Queues {@code call} for every listener without starting delivery: callers enqueue under their own
     * lock (which fixes the order) and {@link #deliver()} after releasing it.
     */
    void enqueue(String event, Consumer<MonitorListener> call) {
        if (listeners.isEmpty()) {
            return;
        }
        queue(() -> {
            for (MonitorListener listener : listeners) {
                try {
                    call.accept(listener);
                } catch (RuntimeException | Error e) {
                    logFailure(listener, event, e);
                }
            }
        });
    }

    private void queue(Runnable delivery) {
        synchronized (queue) {
            queue.add(delivery);
        }
    }

    /** Starts delivering the queued events on the executor, unless a delivery runs already. */
    void deliver() {
        synchronized (queue) {
            if (draining || queue.isEmpty()) {
                return;
            }
            draining = true;
        }
        submitDrain();
    }

    /**
     * As {@link #deliver()}, a little later: events queued meanwhile go in the same hand-over, so the listener
     * thread wakes once for the results of many checks instead of once per check (a thread's wake-up costs
     * more than the check). For the results the checking loop processes; the delay is the constructor's.
     */
    void deliverSoon() {
        if (gatherNanos <= 0) {
            deliver();
            return;
        }
        synchronized (queue) {
            if (draining || deliverySet || queue.isEmpty()) {
                return;
            }
            deliverySet = true;
        }
        scheduler.schedule(this::deliverGathered, gatherNanos);
    }

    private void deliverGathered() {
        synchronized (queue) {
            deliverySet = false;
        }
        deliver();
    }

    /**
     * Runs {@code task} on the listener executor, apart from the schedule (completing futures that callers
     * attach callbacks to); right here when that executor refuses it.
     */
    void runApart(Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            task.run();
        }
    }

    private void logFailure(MonitorListener listener, String event, Throwable e) {
        boolean first = failedBefore.add(listener);
        LOG.log(first ? System.Logger.Level.WARNING : System.Logger.Level.DEBUG, "tcpshake monitor listener "
                + listener + " threw on " + event + "; ignored, monitoring goes on"
                + (first ? " (further failures of this listener are logged at DEBUG)" : ""), e);
    }

    private void submitDrain() {
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException e) {
            // The executor is shut down (the monitor closed, or the caller's executor refuses work).
            LOG.log(System.Logger.Level.DEBUG, "tcpshake monitor listener executor refused events; dropped", e);
            synchronized (queue) {
                queue.clear();
                draining = false;
            }
        }
    }

    private void drain() {
        // A bounded batch per task, so a shared executor is not monopolized by a busy monitor.
        for (int i = 0; i < 256; i++) {
            Runnable next;
            synchronized (queue) {
                next = queue.poll();
                if (next == null) {
                    draining = false;
                    return;
                }
            }
            next.run();
        }
        submitDrain();
    }
}
