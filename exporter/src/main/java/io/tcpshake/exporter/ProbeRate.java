package io.tcpshake.exporter;

/**
 * The endpoint-wide bound on {@code /probe} requests: a token bucket holding one second's worth, where a
 * request over the rate is refused (429), not queued, so a flood of requests never becomes a backlog of SYNs.
 */
final class ProbeRate {
    private final double perNano;
    private final double burst;
    private double tokens;
    private long lastRefill;

    ProbeRate(double perSecond) {
        this.perNano = perSecond / 1e9;
        this.burst = Math.max(1, perSecond);
        this.tokens = burst;
        this.lastRefill = System.nanoTime();
    }

    synchronized boolean tryTake() {
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - lastRefill) * perNano);
        lastRefill = now;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
