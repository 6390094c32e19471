package io.tcpshake.core.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CheckRateLimiterTest {
    private final ManualTime time = new ManualTime();

    @Test
    void burstOfATenthOfASecondThenOneCheckPerSlot() {
        CheckRateLimiter limiter = new CheckRateLimiter(time, 100); // burst 10, a slot every 10 ms
        for (int i = 0; i < 10; i++) {
            assertEquals(0, limiter.reserve(1));
        }
        assertEquals(Duration.ofMillis(10).toNanos(), limiter.reserve(1), 1000);
        assertEquals(Duration.ofMillis(20).toNanos(), limiter.reserve(1), 1000);
    }

    @Test
    void tokensComeBackWithTime() {
        CheckRateLimiter limiter = new CheckRateLimiter(time, 10); // burst 1
        assertEquals(0, limiter.reserve(1));
        time.advance(Duration.ofMillis(100));
        assertEquals(0, limiter.reserve(1));
        time.advance(Duration.ofSeconds(10));
        assertEquals(0, limiter.reserve(1));
        assertEquals(Duration.ofMillis(100).toNanos(), limiter.reserve(1), 1000);
    }

    @Test
    void rejectsACapThatIsNotPositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CheckRateLimiter(time, 0));
        assertEquals("maxChecksPerSecond 0.0 is not a positive number: expected e.g. 1000", e.getMessage());
    }
}
