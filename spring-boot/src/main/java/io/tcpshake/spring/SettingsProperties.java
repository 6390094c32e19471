package io.tcpshake.spring;

import io.tcpshake.core.monitor.AddressPolicy;
import io.tcpshake.core.monitor.IpPreference;
import io.tcpshake.core.monitor.Target;
import io.tcpshake.core.monitor.TargetSettings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How targets are checked: the keys of targets.yaml's {@code defaults:} block, which a target can also set
 * for itself. Unset values (null) fall back to the defaults block, then to {@link Target}'s own defaults
 * (interval 10s, timeout 1s, rise 2, fall 3, jitter 10%). Durations are written as Spring writes them:
 * {@code 500ms}, {@code 10s}, {@code 1m}, or ISO-8601 ({@code PT1M30S}). Each property is described on its
 * field, where Spring Boot's configuration processor reads it for IDE completion.
 */
public class SettingsProperties {
    /** Time between checks while the state is settled; default 10s. */
    private Duration interval;
    /** How long a check may take, name resolution included; default 1s, at most the shortest interval. */
    private Duration timeout;
    /** Consecutive successes that turn a down target up; default 2. */
    private Integer rise;
    /** Consecutive failures that turn an up target down; default 3. */
    private Integer fall;
    /** Random spread of each interval: 10% or 0.1, at most 50%; default 10%. */
    private String jitter;
    /** Time between checks while the state is changing (HAProxy fastinter); default the interval. */
    private Duration fastInterval;
    /** Time between checks while down (HAProxy downinter); default the interval. */
    private Duration downInterval;
    /** Delay before the first check; unset, the first checks are spread over the first interval. */
    private Duration initialDelay;
    /** For a name with several addresses: check the first (default), or every one and count any or all. */
    private AddressPolicy addresses;
    /** Which addresses of a name to prefer: system (default), v4, v6. */
    private String ip;
    /** Tags on the target's meters; a target's own label wins over the default of the same name. */
    private Map<String, String> labels = new LinkedHashMap<>();

    /**
     * Sets every value given here on {@code builder}; a value the builder refuses is reported to
     * {@code problems} under its property name (relative to this block), with the builder's message.
     */
    void applyTo(Target.Builder builder, Problems problems) {
        set(problems, "interval", interval, () -> builder.interval(interval));
        set(problems, "timeout", timeout, () -> builder.timeout(timeout));
        set(problems, "rise", rise, () -> builder.rise(rise));
        set(problems, "fall", fall, () -> builder.fall(fall));
        set(problems, "jitter", jitter, () -> builder.jitter(TargetSettings.parseJitter(jitter)));
        set(problems, "fastInterval", fastInterval, () -> builder.fastInterval(fastInterval));
        set(problems, "downInterval", downInterval, () -> builder.downInterval(downInterval));
        set(problems, "initialDelay", initialDelay, () -> builder.initialDelay(initialDelay));
        set(problems, "addresses", addresses, () -> builder.addressPolicy(addresses));
        set(problems, "ip", ip, () -> builder.ipPreference(IpPreference.parse(ip)));
        labels.forEach((key, value) -> set(problems, "labels[" + key + "]", key, () -> builder.label(key, label(key, value))));
    }

    private static void set(Problems problems, String property, Object value, Runnable setter) {
        if (value == null) {
            return;
        }
        try {
            setter.run();
        } catch (IllegalArgumentException e) {
            problems.add(property, e.getMessage());
        }
    }

    private static String label(String key, String value) {
        if (TcpshakeProperties.RESERVED_LABELS.contains(key)) {
            throw new IllegalArgumentException("label name '" + key + "' is a tag tcpshake sets itself: choose"
                    + " another name, e.g. '" + key + "_name'");
        }
        return value == null ? "" : value;
    }

    public Duration getInterval() {
        return interval;
    }

    public void setInterval(Duration interval) {
        this.interval = interval;
    }

    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    public Integer getRise() {
        return rise;
    }

    public void setRise(Integer rise) {
        this.rise = rise;
    }

    public Integer getFall() {
        return fall;
    }

    public void setFall(Integer fall) {
        this.fall = fall;
    }

    public String getJitter() {
        return jitter;
    }

    public void setJitter(String jitter) {
        this.jitter = jitter;
    }

    public Duration getFastInterval() {
        return fastInterval;
    }

    public void setFastInterval(Duration fastInterval) {
        this.fastInterval = fastInterval;
    }

    public Duration getDownInterval() {
        return downInterval;
    }

    public void setDownInterval(Duration downInterval) {
        this.downInterval = downInterval;
    }

    public Duration getInitialDelay() {
        return initialDelay;
    }

    public void setInitialDelay(Duration initialDelay) {
        this.initialDelay = initialDelay;
    }

    public AddressPolicy getAddresses() {
        return addresses;
    }

    public void setAddresses(AddressPolicy addresses) {
        this.addresses = addresses;
    }

    public String getIp() {
        return ip;
    }

    public void setIp(String ip) {
        this.ip = ip;
    }

    public Map<String, String> getLabels() {
        return labels;
    }

    public void setLabels(Map<String, String> labels) {
        this.labels = labels;
    }
}
