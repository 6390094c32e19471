package io.tcpshake.agent.discovery;

import io.tcpshake.core.monitor.TargetSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * The {@code discovery:} block of targets.yaml: whether to look, how often, which endpoints to take, how
 * many at most, when to forget one, and the settings the discovered targets get.
 */
public final class DiscoverySettings {
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_TARGETS = 100;
    public static final Duration DEFAULT_FORGET_AFTER = Duration.ofMinutes(10);
    /** A file without a {@code discovery:} block. */
    public static final DiscoverySettings OFF = new DiscoverySettings(false, DEFAULT_INTERVAL, EndpointFilter.ALL,
            DEFAULT_MAX_TARGETS, DEFAULT_FORGET_AFTER, TargetSettings.DEFAULTS);

    private final boolean enabled;
    private final Duration interval;
    private final EndpointFilter filter;
    private final int maxTargets;
    private final Duration forgetAfter;
    private final TargetSettings targets;

    public DiscoverySettings(boolean enabled, Duration interval, EndpointFilter filter, int maxTargets,
            Duration forgetAfter, TargetSettings targets) {
        this.enabled = enabled;
        this.interval = Objects.requireNonNull(interval, "interval");
        this.filter = Objects.requireNonNull(filter, "filter");
        this.maxTargets = maxTargets;
        this.forgetAfter = Objects.requireNonNull(forgetAfter, "forgetAfter");
        this.targets = Objects.requireNonNull(targets, "targets");
    }

    public boolean enabled() {
        return enabled;
    }

    /** How often the process's connections are looked at. */
    public Duration interval() {
        return interval;
    }

    /** {@code include} and {@code exclude}. */
    public EndpointFilter filter() {
        return filter;
    }

    /** Discovered targets at most; endpoints over it are counted and logged once. */
    public int maxTargets() {
        return maxTargets;
    }

    /** How long an endpoint not seen connected, and not DOWN, stays a target. */
    public Duration forgetAfter() {
        return forgetAfter;
    }

    /** Interval, timeout, rise/fall, labels... of discovered targets: {@code defaults}, then {@code discovery.defaults}. */
    public TargetSettings targets() {
        return targets;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof DiscoverySettings)) {
            return false;
        }
        DiscoverySettings s = (DiscoverySettings) o;
        return enabled == s.enabled && maxTargets == s.maxTargets && interval.equals(s.interval)
                && filter.equals(s.filter) && forgetAfter.equals(s.forgetAfter) && targets.equals(s.targets);
    }

    @Override
    public int hashCode() {
        return Objects.hash(enabled, interval, filter, maxTargets, forgetAfter, targets);
    }

    @Override
    public String toString() {
        return enabled ? "discovery every " + interval.toMillis() + " ms, " + filter + ", max " + maxTargets
                + ", forget after " + forgetAfter.toMillis() + " ms" : "discovery off";
    }
}
