package io.tcpshake.core.monitor;

import io.tcpshake.core.Endpoint;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A monitored endpoint and how to check it: a name, an {@link Endpoint}, {@link TargetSettings} (interval
 * 10 s, timeout 1 s, rise 2, fall 3, jitter 10 % unless set) and whether it is {@link #critical()}.
 * Immutable; build with {@link #builder}.
 */
public final class Target {
    private final String name;
    private final Endpoint endpoint;
    private final TargetSettings settings;
    private final boolean critical;
    private final TargetSource source;

    private Target(Builder b) {
        this.endpoint = b.endpoint;
        this.name = b.name != null ? b.name : endpoint.toString();
        this.settings = b.settings();
        this.critical = b.critical;
        this.source = b.source;
    }

    /**
     * A target at {@code hostPort} ({@code db:5432}, {@code [::1]:6379}), named after it unless renamed.
     *
     * @throws IllegalArgumentException when {@code hostPort} breaks a rule of
     *     {@link io.tcpshake.core.HostPort#parse}
     */
    public static Builder builder(String hostPort) {
        return new Builder(Endpoint.parse(hostPort));
    }

    /**
     * A target at {@code host} ({@code db.internal}, {@code 127.0.0.1}, {@code ::1} or {@code [::1]}) and
     * {@code port}.
     *
     * @throws IllegalArgumentException when the host breaks a rule of {@link io.tcpshake.core.HostPort#requireHost} or the
     *     port is outside 1..65535
     */
    public static Builder builder(String host, int port) {
        return new Builder(Endpoint.of(host, port));
    }

    /** A target at {@code endpoint}, named after it unless renamed. */
    public static Builder builder(Endpoint endpoint) {
        return new Builder(Objects.requireNonNull(endpoint, "endpoint"));
    }

    /** A builder that starts from this target's values. */
    public Builder toBuilder() {
        Builder b = new Builder(endpoint);
        b.name = name;
        b.settings(settings);
        b.critical = critical;
        b.source = source;
        return b;
    }

    /** Unique among a monitor's targets; {@code host:port} unless given. */
    public String name() {
        return name;
    }

    /** Where the target is: the address as parsed once, which the monitor checks and every output shows. */
    public Endpoint endpoint() {
        return endpoint;
    }

    /** How the target is checked; the accessors below read it. */
    public TargetSettings settings() {
        return settings;
    }

    /** Time between checks while the state is settled. */
    public Duration interval() {
        return settings.interval();
    }

    /** Time between checks while the state is changing (HAProxy {@code fastinter}); the interval if unset. */
    public Duration fastInterval() {
        return settings.fastInterval();
    }

    /** Time between checks while down (HAProxy {@code downinter}); the interval if unset. */
    public Duration downInterval() {
        return settings.downInterval();
    }

    /** Per-check timeout, name resolution included. */
    public Duration timeout() {
        return settings.timeout();
    }

    /** Consecutive successes that turn a down (or unknown) target up. */
    public int rise() {
        return settings.rise();
    }

    /** Consecutive failures that turn an up (or unknown) target down. */
    public int fall() {
        return settings.fall();
    }

    /** Random spread of each interval, as a fraction (0.1 = ±10 %). */
    public double jitter() {
        return settings.jitter();
    }

    /** Delay before the first check; null means spread over the first interval. */
    public Duration initialDelay() {
        return settings.initialDelay();
    }

    /** User labels that outputs carry (Prometheus labels, MBean attributes). */
    public Map<String, String> labels() {
        return settings.labels();
    }

    public AddressPolicy addressPolicy() {
        return settings.addressPolicy();
    }

    public IpPreference ipPreference() {
        return settings.ipPreference();
    }

    /**
     * Whether the application cannot serve while this target is down: a health check that reports the
     * application's readiness (Spring Boot's {@code tcpshake} health indicator) is DOWN while a critical target
     * is. Checks and state are the same for every target.
     */
    public boolean critical() {
        return critical;
    }

    /** Where the target came from: the targets file (or the application's own code), or discovery. */
    public TargetSource source() {
        return source;
    }

    /** Whether {@code other} checks the same endpoint the same way, differing at most in timing. */
    public boolean sameEndpoint(Target other) {
        return endpoint.equals(other.endpoint) && addressPolicy() == other.addressPolicy()
                && ipPreference() == other.ipPreference();
    }

    /**
     * Equal when name, endpoint, criticality, source and every setting as it applies are (see
     * {@link TargetSettings}).
     */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Target)) {
            return false;
        }
        Target t = (Target) o;
        return name.equals(t.name) && endpoint.equals(t.endpoint) && settings.sameEffect(t.settings)
                && critical == t.critical && source == t.source;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, endpoint, settings);
    }

    @Override
    public String toString() {
        return name + " (" + endpoint + ", " + settings + ")";
    }

    /**
     * Builds a {@link Target}: the settings all at once ({@link #settings}) or one by one, each setter checking
     * its value and naming it when it is wrong.
     */
    public static final class Builder {
        private String name;
        private final Endpoint endpoint;
        /** Settings taken whole and not changed since: targets built from the same settings share them. */
        private TargetSettings given;
        private TargetSettings.Builder settings = TargetSettings.builder();
        private boolean critical;
        private TargetSource source = TargetSource.FILE;

        private Builder(Endpoint endpoint) {
            this.endpoint = endpoint;
        }

        /** The name outputs show it under; unique among a monitor's targets. */
        public Builder name(String name) {
            if (name == null || name.trim().isEmpty()) {
                throw new IllegalArgumentException("target name is empty");
            }
            this.name = name;
            return this;
        }

        /** Takes every setting from {@code settings}, e.g. targets.yaml's defaults with a target's own values. */
        public Builder settings(TargetSettings settings) {
            this.given = Objects.requireNonNull(settings, "settings");
            this.settings = null;
            return this;
        }

        /** The settings to change: those taken whole become a builder on the first change. */
        private TargetSettings.Builder changing() {
            if (settings == null) {
                settings = given.toBuilder();
                given = null;
            }
            return settings;
        }

        private TargetSettings settings() {
            return settings == null ? given : settings.build();
        }

        /** {@link TargetSettings.Builder#interval}. */
        public Builder interval(Duration interval) {
            changing().interval(interval);
            return this;
        }

        /** {@link TargetSettings.Builder#fastInterval}. */
        public Builder fastInterval(Duration fastInterval) {
            changing().fastInterval(fastInterval);
            return this;
        }

        /** {@link TargetSettings.Builder#downInterval}. */
        public Builder downInterval(Duration downInterval) {
            changing().downInterval(downInterval);
            return this;
        }

        /** {@link TargetSettings.Builder#timeout}. */
        public Builder timeout(Duration timeout) {
            changing().timeout(timeout);
            return this;
        }

        /** {@link TargetSettings.Builder#rise}. */
        public Builder rise(int rise) {
            changing().rise(rise);
            return this;
        }

        /** {@link TargetSettings.Builder#fall}. */
        public Builder fall(int fall) {
            changing().fall(fall);
            return this;
        }

        /** {@link TargetSettings.Builder#jitter}: interval spread as a fraction in [0, 0.5]. */
        public Builder jitter(double jitter) {
            changing().jitter(jitter);
            return this;
        }

        /** {@link TargetSettings.Builder#initialDelay}. */
        public Builder initialDelay(Duration initialDelay) {
            changing().initialDelay(initialDelay);
            return this;
        }

        /** {@link TargetSettings.Builder#label}. */
        public Builder label(String key, String value) {
            changing().label(key, value);
            return this;
        }

        /** {@link TargetSettings.Builder#labels}. */
        public Builder labels(Map<String, String> labels) {
            changing().labels(labels);
            return this;
        }

        /** {@link TargetSettings.Builder#addressPolicy}. */
        public Builder addressPolicy(AddressPolicy addressPolicy) {
            changing().addressPolicy(addressPolicy);
            return this;
        }

        /** {@link TargetSettings.Builder#ipPreference}. */
        public Builder ipPreference(IpPreference ipPreference) {
            changing().ipPreference(ipPreference);
            return this;
        }

        /** See {@link Target#critical()}; false by default. */
        public Builder critical(boolean critical) {
            this.critical = critical;
            return this;
        }

        /** Where the target came from; {@link TargetSource#FILE} unless set. */
        public Builder source(TargetSource source) {
            this.source = Objects.requireNonNull(source, "source");
            return this;
        }

        /** The target as built so far. */
        public Target build() {
            return new Target(this);
        }
    }
}
