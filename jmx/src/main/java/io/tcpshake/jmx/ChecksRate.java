package io.tcpshake.jmx;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.function.LongSupplier;

/**
 * Checks per second from a growing total, measured at reads: over about the last {@link #WINDOW_NANOS}
 * when reads come often (JConsole polls every few seconds), else since the previous read. No thread of
 * its own: a monitor nobody looks at costs nothing.
 */
final class ChecksRate {
    static final long WINDOW_NANOS = 10_000_000_000L;
    /** Reads closer together than this update the latest sample instead of adding one. */
    private static final long MIN_SPACING_NANOS = 100_000_000L;

    private final LongSupplier nanoTime;
    private final ArrayDeque<long[]> samples = new ArrayDeque<>();

    /** Starts measuring from {@code initialTotal} now. */
    ChecksRate(LongSupplier nanoTime, long initialTotal) {
        this.nanoTime = nanoTime;
        samples.add(new long[] {nanoTime.getAsLong(), initialTotal});
    }

    /** The rate up to {@code total}, which was read just now. */
    synchronized double perSecond(long total) {
        long now = nanoTime.getAsLong();
        long[] latest = samples.peekLast();
        if (samples.size() > 1 && now - latest[0] < MIN_SPACING_NANOS) {
            latest[0] = now;
            latest[1] = total;
        } else {
            samples.addLast(new long[] {now, total});
        }
        // Keep the oldest sample that still starts a window of at least WINDOW_NANOS, drop the ones before.
        while (samples.size() > 2) {
            Iterator<long[]> oldestFirst = samples.iterator();
            oldestFirst.next();
            long[] second = oldestFirst.next();
            if (now - second[0] < WINDOW_NANOS) {
                break;
            }
            samples.removeFirst();
        }
        long[] first = samples.peekFirst();
        long elapsed = now - first[0];
        if (elapsed <= 0) {
            return 0;
        }
        return Math.max(0, total - first[1]) * 1e9 / elapsed;
    }
}
