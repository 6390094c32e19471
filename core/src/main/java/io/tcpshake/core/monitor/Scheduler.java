package io.tcpshake.core.monitor;

/**
 * Runs tasks after a delay: the monitor's notion of "later". The production one is a daemon thread;
 * tests use a manual one that runs due tasks when its time is advanced, so rise/fall, jitter and
 * backoff are tested without sleeping (as Caffeine's {@code Scheduler} and {@code Ticker}).
 */
interface Scheduler {
    /** Runs {@code task} once, {@code delayNanos} from now (at once when not positive). Must not block. */
    ScheduledTask schedule(Runnable task, long delayNanos);

    /** Stops running tasks; pending ones are dropped. */
    void shutdown();

    /** A pending task. */
    interface ScheduledTask {
        /** Keeps the task from running if it has not started; idempotent. */
        void cancel();
    }
}
