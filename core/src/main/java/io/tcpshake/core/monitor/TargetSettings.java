package io.tcpshake.core.monitor;

import io.tcpshake.core.InputText;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How a target is checked, apart from where: schedule, timeout, rise/fall, labels, address choice. What a
 * {@link Target} carries and what targets.yaml's {@code defaults:} block gives every target; a target's own
 * values are laid over the defaults with {@link #toBuilder()}. Defaults follow Kubernetes' tcpSocket probe and
 * HAProxy: interval 10 s, timeout 1 s, rise 2, fall 3, jitter 10 %. Immutable.
 */
public final class TargetSettings {
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
    /** Every value at its default. */
    public static final TargetSettings DEFAULTS = builder().build();
    private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,9}(\\.[0-9]{1,9})?");

    private final Duration interval;
    /** As given (null when unset), so that a later interval still applies: "follows the interval". */
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

    private TargetSettings(Builder b) {
        this.interval = b.interval;
        this.givenFastInterval = b.fastInterval;
        this.givenDownInterval = b.downInterval;
        this.timeout = b.timeout;
        this.rise = b.rise;
        this.fall = b.fall;
        this.jitter = b.jitter;
        this.initialDelay = b.initialDelay;
        // Most targets have no labels: one shared empty map instead of a map and its view per target.
        this.labels = b.labels.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(b.labels));
        this.addressPolicy = b.addressPolicy;
        this.ipPreference = b.ipPreference;
    }

    /**
     * The jitter {@code text} says, as users write it in targets.yaml and application.yaml: a percentage
     * ({@code 10%}) or the fraction ({@code 0.1}), plain decimals only, 0% to 50%.
     *
     * @throws IllegalArgumentException {@code jitter '1e-1' is not a percentage: expected e.g. 10% (or the
     *     fraction 0.1)}, or {@code jitter '60%' is out of range: expected 0% to 50%}
     */
    public static double parseJitter(String text) {
        String t = text.trim();
        boolean percent = t.endsWith("%");
        String number = percent ? t.substring(0, t.length() - 1).trim() : t;
        // Plain decimals only: Double.parseDouble also takes 0x1p-3, 1e-1, 0.1d and NaN.
        if (!DECIMAL.matcher(number).matches()) {
            throw new IllegalArgumentException("jitter " + InputText.quote(text) + " is not a percentage: "
                    + "expected e.g. 10% (or the fraction 0.1)");
        }
        double fraction = percent ? Double.parseDouble(number) / 100 : Double.parseDouble(number);
        if (!(fraction >= 0 && fraction <= 0.5)) {
            throw new IllegalArgumentException("jitter " + InputText.quote(text) + " is out of range: expected "
                    + "0% to 50%");
        }
        return fraction;
    }

    /** Every value at its default; set the ones that differ. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from these values (an unset fast or down interval stays unset). */
    public Builder toBuilder() {
        Builder b = new Builder();
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
        return b;
    }

    /** Time between checks while the state is settled. */
    public Duration interval() {
        return interval;
    }

    /** Time between checks while the state is changing (HAProxy {@code fastinter}); the interval if unset. */
    public Duration fastInterval() {
        return givenFastInterval != null ? givenFastInterval : interval;
    }

    /** Time between checks while down (HAProxy {@code downinter}); the interval if unset. */
    public Duration downInterval() {
        return givenDownInterval != null ? givenDownInterval : interval;
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

    /** User labels that outputs carry (Prometheus labels, MBean attributes), in the order given. */
    public Map<String, String> labels() {
        return labels;
    }

    /** Which of a name's addresses are checked and when the target counts as up (default: the first). */
    public AddressPolicy addressPolicy() {
        return addressPolicy;
    }

    /** Which family of a name's addresses to prefer (default: the resolver's order). */
    public IpPreference ipPreference() {
        return ipPreference;
    }

    /**
     * Whether {@code other} schedules checks the same way: interval, fast and down intervals (as they apply),
     * jitter and initial delay.
     */
    boolean sameTiming(TargetSettings other) {
        return interval.equals(other.interval) && fastInterval().equals(other.fastInterval())
                && downInterval().equals(other.downInterval()) && Double.compare(jitter, other.jitter) == 0
                && Objects.equals(initialDelay, other.initialDelay);
    }

    /**
     * Whether {@code other} checks a target the same way: every value as it applies, an unset fast or down
     * interval the same as one set to the interval.
     */
    boolean sameEffect(TargetSettings other) {
        return sameTiming(other) && rise == other.rise && fall == other.fall && timeout.equals(other.timeout)
                && labels.equals(other.labels) && addressPolicy == other.addressPolicy
                && ipPreference == other.ipPreference;
    }

    /**
     * Equal when every value is, an unset fast or down interval differing from one set to the interval: as
     * {@code defaults:}, the two differ for a target that sets its own interval.
     */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof TargetSettings)) {
            return false;
        }
        TargetSettings s = (TargetSettings) o;
        return sameEffect(s) && Objects.equals(givenFastInterval, s.givenFastInterval)
                && Objects.equals(givenDownInterval, s.givenDownInterval);
    }

    @Override
    public int hashCode() {
        return Objects.hash(interval, timeout, rise, fall);
    }

    @Override
    public String toString() {
        return "every " + interval.toMillis() + " ms, timeout " + timeout.toMillis() + " ms, rise " + rise
                + ", fall " + fall;
    }

    /** Builds {@link TargetSettings}; every setter checks its value and names it when it is wrong. */
    public static final class Builder {
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

        private Builder() {
        }

        /** {@link TargetSettings#interval()}; positive. */
        public Builder interval(Duration interval) {
            this.interval = positive("interval", interval);
            return this;
        }

        /** {@link TargetSettings#fastInterval()}; positive. */
        public Builder fastInterval(Duration fastInterval) {
            this.fastInterval = positive("fastInterval", fastInterval);
            return this;
        }

        /** {@link TargetSettings#downInterval()}; positive. */
        public Builder downInterval(Duration downInterval) {
            this.downInterval = positive("downInterval", downInterval);
            return this;
        }

        /** {@link TargetSettings#timeout()}; positive. */
        public Builder timeout(Duration timeout) {
            this.timeout = positive("timeout", timeout);
            return this;
        }

        /** {@link TargetSettings#rise()}; at least 1. */
        public Builder rise(int rise) {
            this.rise = atLeastOne("rise", rise);
            return this;
        }

        /** {@link TargetSettings#fall()}; at least 1. */
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

        /** {@link TargetSettings#initialDelay()}; zero or more. */
        public Builder initialDelay(Duration initialDelay) {
            if (initialDelay == null || initialDelay.isNegative()) {
                throw new IllegalArgumentException("initialDelay " + initialDelay + " is negative");
            }
            this.initialDelay = atMostADay("initialDelay", initialDelay);
            return this;
        }

        /** Adds a label, or replaces the value of one of the same key (which keeps its place). */
        public Builder label(String key, String value) {
            if (key == null || key.isEmpty() || value == null) {
                throw new IllegalArgumentException("label " + key + "=" + value + " needs a key and a value");
            }
            labels.put(key, value);
            return this;
        }

        /** {@link #label} for each of {@code labels}, in their order. */
        public Builder labels(Map<String, String> labels) {
            labels.forEach(this::label);
            return this;
        }

        /** {@link TargetSettings#addressPolicy()}. */
        public Builder addressPolicy(AddressPolicy addressPolicy) {
            this.addressPolicy = Objects.requireNonNull(addressPolicy, "addressPolicy");
            return this;
        }

        /** {@link TargetSettings#ipPreference()}. */
        public Builder ipPreference(IpPreference ipPreference) {
            this.ipPreference = Objects.requireNonNull(ipPreference, "ipPreference");
            return this;
        }

        /** The settings as set so far. */
        public TargetSettings build() {
            return new TargetSettings(this);
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
