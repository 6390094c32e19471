package io.tcpshake.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ChecksRateTest {
    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong(5 * SECOND);

    @Test
    void firstReadMeasuresSinceTheStart() {
        ChecksRate rate = new ChecksRate(now::get, 100);
        now.addAndGet(4 * SECOND);
        assertEquals(50.0, rate.perSecond(300), 1e-9);
    }

    @Test
    void frequentReadsMeasureOverAboutTheLastTenSeconds() {
        ChecksRate rate = new ChecksRate(now::get, 0);
        long total = 0;
        // 30 s at 100 checks/s, then 10 s at 10 checks/s, read every second.
        for (int s = 0; s < 30; s++) {
            now.addAndGet(SECOND);
            total += 100;
            rate.perSecond(total);
        }
        double last = 0;
        for (int s = 0; s < 11; s++) {
            now.addAndGet(SECOND);
            total += 10;
            last = rate.perSecond(total);
        }
        assertEquals(10.0, last, 1e-9);
    }

    @Test
    void sparseReadsMeasureSinceThePreviousRead() {
        ChecksRate rate = new ChecksRate(now::get, 0);
        now.addAndGet(60 * SECOND);
        rate.perSecond(6000);
        now.addAndGet(60 * SECOND);
        assertEquals(1.0, rate.perSecond(6060), 1e-9);
    }

    @Test
    void readsInTheSameInstantDoNotDivideByZero() {
        ChecksRate rate = new ChecksRate(now::get, 0);
        assertEquals(0.0, rate.perSecond(10), 1e-9);
        now.addAndGet(SECOND / 1000);
        rate.perSecond(10);
        now.addAndGet(SECOND / 1000);
        assertEquals(10_000.0 / 2, rate.perSecond(10), 1e-6);
    }
}
