package io.tcpshake.agent.config;

import io.tcpshake.core.monitor.AddressPolicy;
import io.tcpshake.core.monitor.IpPreference;
import io.tcpshake.core.monitor.Target;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code defaults:} block: values every target gets unless it sets its own. Unset keys fall back to
 * {@link Target}'s defaults (interval 10 s, timeout 1 s, rise 2, fall 3, jitter 10 %).
 */
public final class TargetDefaults {
    /** Target's own defaults, used when targets.yaml has no {@code defaults:} block. */
    public static final TargetDefaults BUILT_IN = new TargetDefaults(Target.DEFAULT_INTERVAL, Target.DEFAULT_TIMEOUT,
            Target.DEFAULT_RISE, Target.DEFAULT_FALL, Target.DEFAULT_JITTER, null, null, null, AddressPolicy.FIRST,
            IpPreference.SYSTEM, Map.of());

    private final Duration interval;
    private final Duration timeout;
    private final int rise;
    private final int fall;
    private final double jitter;
    private final Duration fastInterval;
    private final Duration downInterval;
    private final Duration initialDelay;
    private final AddressPolicy addressPolicy;
    private final IpPreference ipPreference;
    private final Map<String, String> labels;

    TargetDefaults(Duration interval, Duration timeout, int rise, int fall, double jitter, Duration fastInterval,
            Duration downInterval, Duration initialDelay, AddressPolicy addressPolicy, IpPreference ipPreference,
            Map<String, String> labels) {
        this.interval = interval;
        this.timeout = timeout;
        this.rise = rise;
        this.fall = fall;
        this.jitter = jitter;
        this.fastInterval = fastInterval;
        this.downInterval = downInterval;
        this.initialDelay = initialDelay;
        this.addressPolicy = addressPolicy;
        this.ipPreference = ipPreference;
        this.labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }

    public Duration interval() {
        return interval;
    }

    public Duration timeout() {
        return timeout;
    }

    public int rise() {
        return rise;
    }

    public int fall() {
        return fall;
    }

    /** Interval spread as a fraction (0.1 = 10 %). */
    public double jitter() {
        return jitter;
    }

    /** Interval while the state is changing; empty means the interval. */
    public Optional<Duration> fastInterval() {
        return Optional.ofNullable(fastInterval);
    }

    /** Interval while down; empty means the interval. */
    public Optional<Duration> downInterval() {
        return Optional.ofNullable(downInterval);
    }

    /** Delay before the first check; empty means spread over the first interval. */
    public Optional<Duration> initialDelay() {
        return Optional.ofNullable(initialDelay);
    }

    public AddressPolicy addressPolicy() {
        return addressPolicy;
    }

    public IpPreference ipPreference() {
        return ipPreference;
    }

    /** Labels every target carries; a target's own label of the same name wins. */
    public Map<String, String> labels() {
        return labels;
    }

    /**
     * Sets these values on {@code builder}: timing, rise/fall, address policy and labels.
     *
     * @throws IllegalArgumentException when the builder refuses a value (read values are checked before)
     */
    public Target.Builder applyTo(Target.Builder builder) {
        builder.interval(interval).timeout(timeout).rise(rise).fall(fall).jitter(jitter).addressPolicy(addressPolicy)
                .ipPreference(ipPreference).labels(labels);
        fastInterval().ifPresent(builder::fastInterval);
        downInterval().ifPresent(builder::downInterval);
        initialDelay().ifPresent(builder::initialDelay);
        return builder;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof TargetDefaults)) {
            return false;
        }
        TargetDefaults d = (TargetDefaults) o;
        return rise == d.rise && fall == d.fall && Double.compare(jitter, d.jitter) == 0
                && interval.equals(d.interval) && timeout.equals(d.timeout)
                && Objects.equals(fastInterval, d.fastInterval) && Objects.equals(downInterval, d.downInterval)
                && Objects.equals(initialDelay, d.initialDelay) && addressPolicy == d.addressPolicy
                && ipPreference == d.ipPreference && labels.equals(d.labels);
    }

    @Override
    public int hashCode() {
        return Objects.hash(interval, timeout, rise, fall, jitter, fastInterval, downInterval, initialDelay,
                addressPolicy, ipPreference, labels);
    }

    @Override
    public String toString() {
        return "defaults(interval " + DurationText.format(interval) + ", timeout " + DurationText.format(timeout)
                + ", rise " + rise + ", fall " + fall + ", jitter " + Math.round(jitter * 100) + "%)";
    }
}
