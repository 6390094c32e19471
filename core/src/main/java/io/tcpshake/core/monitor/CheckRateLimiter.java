package io.tcpshake.core.monitor;

import io.tcpshake.core.Ticker;

/**
 * The monitor-wide cap on checks per second: a token bucket that hands out reservations rather than
 * refusals, so a check over the cap is delayed, never dropped. The bucket holds a tenth of a second's
 * worth of checks (at least one): a burst of SYNs stays small even when many targets fall due together.
 */
final class CheckRateLimiter {
    private final Ticker ticker;
    private final double perNano;
    private final double burst;
    private double tokens;
    private long lastRefill;

    CheckRateLimiter(Ticker ticker, double checksPerSecond) {
        if (!(checksPerSecond > 0) || Double.isInfinite(checksPerSecond)) {
            throw new IllegalArgumentException("maxChecksPerSecond " + checksPerSecond
                    + " is not a positive number: expected e.g. 1000");
        }
        this.ticker = ticker;
        this.perNano = checksPerSecond / 1e9;
        this.burst = Math.max(1, checksPerSecond / 10);
        this.tokens = burst;
        this.lastRefill = ticker.nanoTime();
    }

    /** Takes {@code permits}; returns how long to wait before using them (0: now). */
    synchronized long reserve(int permits) {
        long now = ticker.nanoTime();
        tokens = Math.min(burst, tokens + (now - lastRefill) * perNano);
        lastRefill = now;
        tokens -= permits;
        return tokens >= 0 ? 0 : (long) Math.ceil(-tokens / perNano);
    }
}
