package io.tcpshake.core.monitor;

import io.tcpshake.core.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.PriorityQueue;

/**
 * Time that moves only when a test says so: the monitor's ticker, wall clock and scheduler at once.
 * {@link #advance} runs every task that falls due on the way, in due order, on the test's thread, with the
 * clock set to each task's due time: schedules are tested exactly and without sleeping.
 */
final class ManualTime extends Clock implements Ticker, Scheduler {
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final PriorityQueue<Task> tasks = new PriorityQueue<>();
    private long nanos;
    private long sequence;

    @Override
    public synchronized long nanoTime() {
        return nanos;
    }

    @Override
    public Instant instant() {
        return START.plusNanos(nanoTime());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    /** Time since the start, for assertions. */
    Duration elapsed() {
        return Duration.ofNanos(nanoTime());
    }

    @Override
    public synchronized ScheduledTask schedule(Runnable task, long delayNanos) {
        Task scheduled = new Task(nanos + Math.max(0, delayNanos), sequence++, task);
        tasks.add(scheduled);
        return () -> {
            synchronized (ManualTime.this) {
                tasks.remove(scheduled);
            }
        };
    }

    @Override
    public void shutdown() {
        synchronized (this) {
            tasks.clear();
        }
    }

    /** Moves time forward by {@code step}, running each task as it falls due. */
    void advance(Duration step) {
        long end;
        synchronized (this) {
            end = nanos + step.toNanos();
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.peek();
                if (next == null || next.due > end) {
                    nanos = end;
                    return;
                }
                tasks.poll();
                nanos = Math.max(nanos, next.due);
            }
            next.task.run();
        }
    }

    /** Runs the tasks due now. */
    void runDue() {
        advance(Duration.ZERO);
    }

    synchronized int pendingTasks() {
        return tasks.size();
    }

    private static final class Task implements Comparable<Task> {
        final long due;
        final long seq;
        final Runnable task;

        Task(long due, long seq, Runnable task) {
            this.due = due;
            this.seq = seq;
            this.task = task;
        }

        @Override
        public int compareTo(Task other) {
            int byDue = Long.compare(due, other.due);
            return byDue != 0 ? byDue : Long.compare(seq, other.seq);
        }
    }
}
