package io.tcpshake.agent.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The exporter's {@code /probe} ({@code exporter.probe:} block): off unless the block is there, and then
 * only for the networks and ports of its {@code allow} list, which has no default. Even a loopback-only
 * default would tell whoever reaches the endpoint which ports of this machine listen.
 */
public final class ProbeSettings {
    /** Probes answered per second unless {@code rate} says otherwise. */
    public static final int DEFAULT_RATE = 100;
    /** The longest check of a probe unless {@code timeout} says otherwise; a shorter scrape timeout wins. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private final List<String> allow;
    private final int rate;
    private final Duration timeout;

    ProbeSettings(List<String> allow, int rate, Duration timeout) {
        this.allow = List.copyOf(allow);
        this.rate = rate;
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** Networks with optional ports: {@code 10.0.0.0/8}, {@code 10.1.2.3:5432}, {@code [fd00::]/8:443}. */
    public List<String> allow() {
        return allow;
    }

    /** Probes answered per second at most; more are answered 429. */
    public int rate() {
        return rate;
    }

    public Duration timeout() {
        return timeout;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ProbeSettings)) {
            return false;
        }
        ProbeSettings p = (ProbeSettings) o;
        return rate == p.rate && allow.equals(p.allow) && timeout.equals(p.timeout);
    }

    @Override
    public int hashCode() {
        return Objects.hash(allow, rate, timeout);
    }

    @Override
    public String toString() {
        return "probe to " + String.join(", ", allow) + " at most " + rate + "/s";
    }
}
