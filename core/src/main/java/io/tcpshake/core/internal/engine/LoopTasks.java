package io.tcpshake.core.internal.engine;

import io.tcpshake.core.TcpshakeLoggers;
import io.tcpshake.core.Ticker;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Delayed;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RunnableScheduledFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Tasks and timers that run on a checking loop's thread, between event batches: what netty's event loop
 * and HAProxy do with their timers, so that periodic work needs no thread of its own. An engine owns one,
 * runs {@link #runDue()} once per loop iteration and waits no longer than {@link #nextDueNanos()}; the
 * checker hands it out as its {@code loopExecutor()}.
 *
 * <p>Every task, immediate or delayed, sits in one timer heap ordered by due time, then by submission, so
 * tasks run in due order and tasks due at the same instant in the order they were submitted. A task added
 * from another thread wakes the loop through the engine's wake-up (which writes only when the loop may be
 * asleep); one added by the loop thread itself does not need to. Cancelling removes a task at once (as
 * {@code ScheduledThreadPoolExecutor} with {@code setRemoveOnCancelPolicy(true)}). A task that throws is
 * logged and its future fails; the loop goes on. After {@link #close()} new tasks are rejected with
 * {@link RejectedExecutionException} and pending ones are dropped (their futures cancelled).
 *
 * <p>At most {@value #MAX_TASKS_PER_ITERATION} tasks run per iteration: the loop must read socket events
 * promptly (an answered check left unread for ~200 ms becomes a real connection), so a burst of due tasks
 * is spread over iterations, and the engine does not block while some are left.
 *
 * <p>Not shut down by its users: it lives as long as its checker ({@link #shutdown()} and
 * {@link #shutdownNow()} throw {@link UnsupportedOperationException}).
 */
public final class LoopTasks extends AbstractExecutorService implements ScheduledExecutorService {
    /** Tasks run per loop iteration, at most. */
    public static final int MAX_TASKS_PER_ITERATION = 256;
    /** Delays are capped so that due times never overflow (as the JDK's scheduled executor does). */
    private static final long MAX_DELAY_NANOS = Long.MAX_VALUE >> 1;

    private static final System.Logger LOG = TcpshakeLoggers.get("io.tcpshake.core");

    private final Ticker ticker;
    private final Runnable wakeLoop;
    private final Object lock = new Object();
    private final CountDownLatch terminated = new CountDownLatch(1);
    /** Tasks taken by one {@link #runDue()}; loop thread only. */
    private final LoopTask<?>[] due = new LoopTask<?>[MAX_TASKS_PER_ITERATION];

    // Guarded by lock.
    private LoopTask<?>[] heap = new LoopTask<?>[16];
    private long sequence;
    /** Written under lock; read without it between the tasks of one batch. */
    private volatile boolean closed;

    /** The heap's size, readable without the lock: the loop's look at an empty heap costs no lock. */
    private volatile int size;
    /** Set by a task added from another thread, cleared by the loop before it works out its wait. */
    private volatile boolean addedFromOutside;
    private volatile Thread loopThread;

    /**
     * @param ticker the checker's clock: due times and delays are on it
     * @param wakeLoop wakes the engine's loop if it may be asleep; any thread, cheap when it is awake
     */
    public LoopTasks(Ticker ticker, Runnable wakeLoop) {
        this.ticker = ticker;
        this.wakeLoop = wakeLoop;
    }

    // The loop's side.

    /** Called by the engine on its loop thread when the loop starts: tasks added on it need no wake-up. */
    public void runsOn(Thread thread) {
        loopThread = thread;
    }

    /** Whether the calling thread is the loop thread. */
    public boolean inLoop() {
        return Thread.currentThread() == loopThread;
    }

    /**
     * The due time of the earliest task, on the ticker; {@code Long.MAX_VALUE} when there is none. Clears
     * the mark of tasks added from another thread: call it before announcing a sleep, and look at
     * {@link #addedFromOutside()} after announcing it.
     */
    public long nextDueNanos() {
        addedFromOutside = false;
        if (size == 0) {
            return Long.MAX_VALUE;
        }
        synchronized (lock) {
            return size == 0 ? Long.MAX_VALUE : heap[0].dueNanos;
        }
    }

    /**
     * Whether a task was added from another thread since the last {@link #nextDueNanos()}: a loop that
     * announced its sleep and finds this true must not block, since the wake-up may have been skipped.
     */
    public boolean addedFromOutside() {
        return addedFromOutside;
    }

    /**
     * Runs the tasks that are due, at most {@value #MAX_TASKS_PER_ITERATION}, in due order; loop thread
     * only. A task that throws is logged; the others run.
     *
     * @return how many ran
     */
    public int runDue() {
        if (size == 0) {
            return 0;
        }
        long now = ticker.nanoTime();
        int taken = 0;
        synchronized (lock) {
            while (taken < due.length && size > 0 && heap[0].dueNanos - now <= 0) {
                LoopTask<?> task = heap[0];
                removeAt(0);
                due[taken++] = task;
            }
        }
        for (int i = 0; i < taken; i++) {
            LoopTask<?> task = due[i];
            due[i] = null;
            if (closed) {
                task.cancelDropped(); // a task of this batch closed the checker: the rest are dropped too
            } else {
                task.run();
            }
        }
        return taken;
    }

    /** Rejects new tasks from now on and drops the pending ones (their futures are cancelled). Idempotent. */
    public void close() {
        List<LoopTask<?>> dropped;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            dropped = new ArrayList<>(Arrays.asList(heap).subList(0, size));
            for (LoopTask<?> task : dropped) {
                task.heapIndex = -1;
            }
            Arrays.fill(heap, null);
            size = 0;
        }
        for (LoopTask<?> task : dropped) {
            task.cancelDropped();
        }
    }

    /** The loop has ended and runs no task any more: {@link #awaitTermination} returns. */
    public void terminated() {
        terminated.countDown();
    }

    // The executor's side.

    @Override
    public void execute(Runnable command) {
        schedule(command, 0, TimeUnit.NANOSECONDS);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return add(new LoopTask<Void>(Executors.callable(requireTask(command), null), dueAfter(delay, unit), 0));
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        return add(new LoopTask<>(requireTask(callable), dueAfter(delay, unit), 0));
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        return add(new LoopTask<Void>(Executors.callable(requireTask(command), null), dueAfter(initialDelay, unit),
                requirePeriod(period, unit)));
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        return add(new LoopTask<Void>(Executors.callable(requireTask(command), null), dueAfter(initialDelay, unit),
                -requirePeriod(delay, unit)));
    }

    /** Not for users: the loop's tasks end with its checker ({@code Checker.close()}). */
    @Override
    public void shutdown() {
        throw new UnsupportedOperationException("the loop executor ends with its checker: close the Checker");
    }

    /** Not for users: the loop's tasks end with its checker ({@code Checker.close()}). */
    @Override
    public List<Runnable> shutdownNow() {
        throw new UnsupportedOperationException("the loop executor ends with its checker: close the Checker");
    }

    /** True once the checker closed. */
    @Override
    public boolean isShutdown() {
        synchronized (lock) {
            return closed;
        }
    }

    /** True once the checker's loop has ended. */
    @Override
    public boolean isTerminated() {
        return terminated.getCount() == 0;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return terminated.await(timeout, unit);
    }

    private <V> LoopTask<V> add(LoopTask<V> task) {
        synchronized (lock) {
            if (closed) {
                throw new RejectedExecutionException("the checker is closed: its loop runs no more tasks");
            }
            task.order = sequence++;
            if (size == heap.length) {
                heap = Arrays.copyOf(heap, heap.length * 2);
            }
            int index = size;
            size = index + 1;
            siftUp(index, task);
        }
        if (!inLoop()) {
            addedFromOutside = true;
            wakeLoop.run();
        }
        return task;
    }

    /** Takes the task out of the heap if it is still there; any thread. */
    private void remove(LoopTask<?> task) {
        synchronized (lock) {
            int index = task.heapIndex;
            if (index >= 0 && index < size && heap[index] == task) {
                removeAt(index);
            }
        }
    }

    /** Puts a periodic task back after a run; dropped when closed meanwhile. Loop thread. */
    private void requeue(LoopTask<?> task) {
        synchronized (lock) {
            if (closed || task.isCancelled()) {
                return;
            }
            if (size == heap.length) {
                heap = Arrays.copyOf(heap, heap.length * 2);
            }
            int index = size;
            size = index + 1;
            siftUp(index, task);
        }
    }

    // The heap, guarded by lock: each task knows its index, so cancelling removes it in O(log n).

    private void removeAt(int index) {
        LoopTask<?> removed = heap[index];
        removed.heapIndex = -1;
        int last = size - 1;
        size = last;
        if (index == last) {
            heap[last] = null;
            return;
        }
        LoopTask<?> moved = heap[last];
        heap[last] = null;
        siftDown(index, moved);
        if (heap[index] == moved) {
            siftUp(index, moved);
        }
    }

    private void siftUp(int index, LoopTask<?> task) {
        while (index > 0) {
            int parent = (index - 1) >>> 1;
            LoopTask<?> above = heap[parent];
            if (task.compareTo(above) >= 0) {
                break;
            }
            heap[index] = above;
            above.heapIndex = index;
            index = parent;
        }
        heap[index] = task;
        task.heapIndex = index;
    }

    private void siftDown(int index, LoopTask<?> task) {
        int count = size;
        int half = count >>> 1;
        while (index < half) {
            int child = 2 * index + 1;
            int right = child + 1;
            if (right < count && heap[right].compareTo(heap[child]) < 0) {
                child = right;
            }
            if (task.compareTo(heap[child]) <= 0) {
                break;
            }
            heap[index] = heap[child];
            heap[index].heapIndex = index;
            index = child;
        }
        heap[index] = task;
        task.heapIndex = index;
    }

    private long dueAfter(long delay, TimeUnit unit) {
        long nanos = Math.max(0, Math.min(unit.toNanos(delay), MAX_DELAY_NANOS));
        return ticker.nanoTime() + nanos;
    }

    private static <T> T requireTask(T task) {
        if (task == null) {
            throw new NullPointerException("task");
        }
        return task;
    }

    private static long requirePeriod(long period, TimeUnit unit) {
        if (period <= 0) {
            throw new IllegalArgumentException("period " + period + " " + unit + " is not positive");
        }
        return Math.min(unit.toNanos(period), MAX_DELAY_NANOS);
    }

    /** A task in the heap: its due time, its place in submission order, its period (0 once, < 0 fixed delay). */
    private final class LoopTask<V> extends FutureTask<V> implements RunnableScheduledFuture<V> {
        private long dueNanos;
        private final long periodNanos;
        private long order;
        /** Its index in the heap, -1 when not in it; guarded by the lock. */
        private int heapIndex = -1;

        LoopTask(Callable<V> callable, long dueNanos, long periodNanos) {
            super(callable);
            this.dueNanos = dueNanos;
            this.periodNanos = periodNanos;
        }

        @Override
        public boolean isPeriodic() {
            return periodNanos != 0;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueNanos - ticker.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            if (other == this) {
                return 0;
            }
            if (other instanceof LoopTask) {
                LoopTask<?> task = (LoopTask<?>) other;
                long diff = dueNanos - task.dueNanos;
                if (diff != 0) {
                    return diff < 0 ? -1 : 1;
                }
                return Long.compare(order, task.order);
            }
            long diff = getDelay(TimeUnit.NANOSECONDS) - other.getDelay(TimeUnit.NANOSECONDS);
            return diff < 0 ? -1 : diff > 0 ? 1 : 0;
        }

        @Override
        public void run() {
            if (!isPeriodic()) {
                super.run();
            } else if (super.runAndReset()) {
                dueNanos = periodNanos > 0 ? dueNanos + periodNanos : ticker.nanoTime() - periodNanos;
                requeue(this);
            }
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = super.cancel(mayInterruptIfRunning);
            if (cancelled) {
                remove(this);
            }
            return cancelled;
        }

        /** Dropped at close: cancelled, already out of the heap. */
        void cancelDropped() {
            super.cancel(false);
        }

        @Override
        protected void setException(Throwable error) {
            LOG.log(System.Logger.Level.WARNING, "a task on tcpshake's checking loop threw; the loop goes on", error);
            super.setException(error);
        }
    }
}
