package io.tcpshake.core.monitor;

import io.tcpshake.core.TcpshakeLoggers;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The production {@link Scheduler}: tasks run on a {@link ScheduledExecutorService}, by default the checker's
 * loop executor ({@link io.tcpshake.core.Checker#loopExecutor()}), or a housekeeping thread
 * {@value #HOUSEKEEPING_THREAD} its user gives ({@link Monitor.Builder#executor}).
 */
final class ThreadScheduler implements Scheduler {
    /** The name of the housekeeping thread of {@link Monitor#newExecutor()}. */
    static final String HOUSEKEEPING_THREAD = "tcpshake-monitor";

    private static final System.Logger LOG = TcpshakeLoggers.get("io.tcpshake.monitor");

    private final ScheduledExecutorService executor;
    private final boolean owned;

    private ThreadScheduler(ScheduledExecutorService executor, boolean owned) {
        this.executor = executor;
        this.owned = owned;
    }

    /** Runs on a new housekeeping executor of its own, which {@link #shutdown()} stops. */
    static ThreadScheduler owned() {
        return new ThreadScheduler(Monitor.newExecutor(), true);
    }

    /** Runs on {@code executor}, which its owner shuts down; {@link #shutdown()} leaves it running. */
    static ThreadScheduler on(ScheduledExecutorService executor) {
        return new ThreadScheduler(executor, false);
    }

    @Override
    public ScheduledTask schedule(Runnable task, long delayNanos) {
        Runnable guarded = () -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                // One target's bad luck must not stop the thread that schedules every target.
                LOG.log(System.Logger.Level.ERROR, "tcpshake monitor task failed; the schedule goes on", e);
            }
        };
        ScheduledFuture<?> future;
        try {
            future = executor.schedule(guarded, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // Its checker (or the shared executor) was closed before the monitor: nothing can run any more.
            LOG.log(System.Logger.Level.DEBUG, "tcpshake monitor task not scheduled: its executor is closed", e);
            return () -> { };
        }
        return () -> future.cancel(false);
    }

    @Override
    public void shutdown() {
        // A shared executor runs on: the monitor's runners are retired, so its pending tasks do nothing.
        if (owned) {
            executor.shutdownNow();
        }
    }

    /** One daemon thread; cancelled tasks leave the queue at once (a retimed target cancels its next check). */
    static ScheduledThreadPoolExecutor newHousekeeping(String threadName) {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return executor;
    }
}
