package io.tcpshake.core;

/**
 * A source of monotonic nanoseconds, as {@link System#nanoTime()}. Injectable so that code built on the
 * checker (deadlines, latencies, the Monitor's schedule) can be tested without waiting.
 */
@FunctionalInterface
public interface Ticker {
    /** Monotonic time in nanoseconds; only differences are meaningful. */
    long nanoTime();

    /** The system's monotonic clock. */
    static Ticker system() {
        return System::nanoTime;
    }
}
