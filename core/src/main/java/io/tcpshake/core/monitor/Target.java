package io.tcpshake.core.monitor;

import io.tcpshake.core.HostPort;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A monitored endpoint and how to check it. Defaults follow Kubernetes' tcpSocket probe and HAProxy:
 * interval 10 s, timeout 1 s, rise 2, fall 3, jitter 10 %. Immutable; build with {@link #builder}.
 */
public final class Target {
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);
    public static final int DEFAULT_RISE = 2;
    public static final int DEFAULT_FALL = 3;
    public static final double DEFAULT_JITTER = 0.10;
    /**
     * The longest interval, timeout or initial delay: a day. Longer ones are mistakes, and near the limits of
     * {@link Duration} overflow the nanosecond clock the schedule runs on.
     */
    public static final Duration MAX_DURATION = Duration.ofDays(1);

    private final String name;
    private final String host;
    private final int port;
    private final Duration interval;
    private final Duration fastInterval;
    private final Duration downInterval;
    /** As given to the builder (null when unset), so that {@link #toBuilder()} keeps "follows the interval". */
    private final Duration givenFastInterval;
    private final Duration givenDownInterval;
    private final Duration timeout;
    private final int rise;
    private final int fall;
    private final double jitter;
    private final Duration initialDelay;
    private final Map<String, String> labels;
    private final AddressPolicy addressPolicy;
    private final IpPreference ipPreference;
    private final boolean critical;

    private Target(Builder b) {
        this.name = b.name != null ? b.name : b.host.contains(":") ? "[" + b.host + "]:" + b.port : b.host + ":" + b.port;
        this.host = b.host;
        this.port = b.port;
        this.interval = b.interval;
        this.fastInterval = b.fastInterval != null ? b.fastInterval : b.interval;
        this.downInterval = b.downInterval != null ? b.downInterval : b.interval;
        this.givenFastInterval = b.fastInterval;
        this.givenDownInterval = b.downInterval;
        this.timeout = b.timeout;
        this.rise = b.rise;
        this.fall = b.fall;
        this.jitter = b.jitter;
        this.initialDelay = b.initialDelay;
        this.labels = Collections.unmodifiableMap(new LinkedHashMap<>(b.labels));
        this.addressPolicy = b.addressPolicy;
        this.ipPreference = b.ipPreference;
        this.critical = b.critical;
    }

    /**
     * A target at {@code hostPort} ({@code db:5432}, {@code [::1]:6379}), named after it unless renamed.
     *
     * @throws IllegalArgumentException when {@code hostPort} breaks a rule of {@link HostPort#parse}
     */
    public static Builder builder(String hostPort) {
        InetSocketAddress address = HostPort.parse(hostPort);
        return new Builder(HostPort.host(address), address.getPort());
    }

    /**
     * A target at {@code host} ({@code db.internal}, {@code 127.0.0.1}, {@code ::1} or {@code [::1]}) and
     * {@code port}.
     *
     * @throws IllegalArgumentException when the host breaks a rule of {@link HostPort#requireHost} or the
     *     port is outside 1..65535
     */
    public static Builder builder(String host, int port) {
        return new Builder(host, port);
    }

    /** A builder that starts from this target's values. */
    public Builder toBuilder() {
        Builder b = new Builder(host, port);
        b.name = name;
        b.interval = interval;
        b.fastInterval = givenFastInterval;
        b.downInterval = givenDownInterval;
        b.timeout = timeout;
        b.rise = rise;
        b.fall = fall;
        b.jitter = jitter;
        b.initialDelay = initialDelay;
        b.labels.putAll(labels);
        b.addressPolicy = addressPolicy;
        b.ipPreference = ipPreference;
        b.critical = critical;
        return b;
    }

    /** Unique among a monitor's targets; {@code host:port} unless given. */
    public String name() {
        return name;
    }

    /** Host name or IP literal (IPv6 without brackets). */
    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** {@code host:port}, IPv6 in brackets. */
    public String address() {
        return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    }

    /** Time between checks while the state is settled. */
    public Duration interval() {
        return interval;
    }

    /** Time between checks while the state is changing (HAProxy {@code fastinter}); the interval if unset. */
    public Duration fastInterval() {
        return fastInterval;
    }

    /** Time between checks while down (HAProxy {@code downinter}); the interval if unset. */
    public Duration downInterval() {
        return downInterval;
    }

    /** Per-check timeout, name resolution included. */
    public Duration timeout() {
        return timeout;
    }

    /** Consecutive successes that turn a down (or unknown) target up. */
    public int rise() {
        return rise;
    }

    /** Consecutive failures that turn an up (or unknown) target down. */
    public int fall() {
        return fall;
    }

    /** Random spread of each interval, as a fraction (0.1 = ±10 %). */
    public double jitter() {
        return jitter;
    }

    /** Delay before the first check; null means spread over the first interval. */
    public Duration initialDelay() {
        return initialDelay;
    }

    /** User labels that outputs carry (Prometheus labels, MBean attributes). */
    public Map<String, String> labels() {
        return labels;
    }

    public AddressPolicy addressPolicy() {
        return addressPolicy;
    }

    public IpPreference ipPreference() {
        return ipPreference;
    }

    /** Whether {@code other} checks the same endpoint the same way, differing at most in timing. */
    /**
     * Whether the application cannot serve while this target is down: a health check that reports the
     * application's readiness (Spring Boot's {@code tcpshake} health indicator) is DOWN while a critical target
     * is. Checks and state are the same for every target.
     */
    public boolean critical() {
        return critical;
    }

    public boolean sameEndpoint(Target other) {
        return host.equals(other.host) && port == other.port && addressPolicy == other.addressPolicy
                && ipPreference == other.ipPreference;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Target)) {
            return false;
        }
        Target t = (Target) o;
        return port == t.port && rise == t.rise && fall == t.fall && Double.compare(jitter, t.jitter) == 0
                && name.equals(t.name) && host.equals(t.host) && interval.equals(t.interval)
                && fastInterval.equals(t.fastInterval) && downInterval.equals(t.downInterval)
                && timeout.equals(t.timeout) && Objects.equals(initialDelay, t.initialDelay)
                && labels.equals(t.labels) && addressPolicy == t.addressPolicy && ipPreference == t.ipPreference
                && critical == t.critical;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, host, port, interval, timeout, rise, fall);
    }

    @Override
    public String toString() {
        return name + " (" + address() + ", every " + interval.toMillis() + " ms, timeout " + timeout.toMillis()
                + " ms, rise " + rise + ", fall " + fall + ")";
    }

    /** Builds a {@link Target}; every setter checks its value and names it when it is wrong. */
    public static final class Builder {
        private String name;
        private final String host;
        private final int port;
        private Duration interval = DEFAULT_INTERVAL;
        private Duration fastInterval;
        private Duration downInterval;
        private Duration timeout = DEFAULT_TIMEOUT;
        private int rise = DEFAULT_RISE;
        private int fall = DEFAULT_FALL;
        private double jitter = DEFAULT_JITTER;
        private Duration initialDelay;
        private final Map<String, String> labels = new LinkedHashMap<>();
        private AddressPolicy addressPolicy = AddressPolicy.FIRST;
        private IpPreference ipPreference = IpPreference.SYSTEM;
        private boolean critical;

        private Builder(String host, int port) {
            this.host = HostPort.requireHost(host);
            this.port = HostPort.requirePort(port);
        }

        public Builder name(String name) {
            if (name == null || name.trim().isEmpty()) {
                throw new IllegalArgumentException("target name is empty");
            }
            this.name = name;
            return this;
        }

        public Builder interval(Duration interval) {
            this.interval = positive("interval", interval);
            return this;
        }

        public Builder fastInterval(Duration fastInterval) {
            this.fastInterval = positive("fastInterval", fastInterval);
            return this;
        }

        public Builder downInterval(Duration downInterval) {
            this.downInterval = positive("downInterval", downInterval);
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = positive("timeout", timeout);
            return this;
        }

        public Builder rise(int rise) {
            this.rise = atLeastOne("rise", rise);
            return this;
        }

        public Builder fall(int fall) {
            this.fall = atLeastOne("fall", fall);
            return this;
        }

        /** Interval spread as a fraction in [0, 0.5]. */
        public Builder jitter(double jitter) {
            if (!(jitter >= 0 && jitter <= 0.5)) {
                throw new IllegalArgumentException("jitter " + jitter + " is out of range: expected 0..0.5 (0.1 = 10 %)");
            }
            this.jitter = jitter;
            return this;
        }

        public Builder initialDelay(Duration initialDelay) {
            if (initialDelay == null || initialDelay.isNegative()) {
                throw new IllegalArgumentException("initialDelay " + initialDelay + " is negative");
            }
            this.initialDelay = atMostADay("initialDelay", initialDelay);
            return this;
        }

        public Builder label(String key, String value) {
            if (key == null || key.isEmpty() || value == null) {
                throw new IllegalArgumentException("label " + key + "=" + value + " needs a key and a value");
            }
            labels.put(key, value);
            return this;
        }

        public Builder labels(Map<String, String> labels) {
            labels.forEach(this::label);
            return this;
        }

        public Builder addressPolicy(AddressPolicy addressPolicy) {
            this.addressPolicy = Objects.requireNonNull(addressPolicy, "addressPolicy");
            return this;
        }

        public Builder ipPreference(IpPreference ipPreference) {
            this.ipPreference = Objects.requireNonNull(ipPreference, "ipPreference");
            return this;
        }

        /** See {@link Target#critical()}; false by default. */
        public Builder critical(boolean critical) {
            this.critical = critical;
            return this;
        }

        public Target build() {
            return new Target(this);
        }

        private static Duration positive(String what, Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(what + " " + value + " is not positive: expected e.g. 10s");
            }
            return atMostADay(what, value);
        }

        private static Duration atMostADay(String what, Duration value) {
            if (value.compareTo(MAX_DURATION) > 0) {
                throw new IllegalArgumentException(what + " " + value + " is longer than " + MAX_DURATION
                        + ", the longest a target takes");
            }
            return value;
        }

        private static int atLeastOne(String what, int value) {
            if (value < 1) {
                throw new IllegalArgumentException(what + " " + value + " is out of range: expected at least 1");
            }
            return value;
        }
    }
}
