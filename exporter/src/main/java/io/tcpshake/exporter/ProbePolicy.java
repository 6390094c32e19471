package io.tcpshake.exporter;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Who may be probed through {@code /probe}, how fast and for how long. An open {@code /probe} lets whoever
 * reaches the endpoint make this host send SYNs anywhere, so the endpoint serves it only when given a policy,
 * and a policy allows only the networks and ports it lists ({@link #LOOPBACK} by default): an address outside
 * them is answered 403 before any packet is sent. The address a name resolved to is what is checked, never
 * the name. Requests over the rate are answered 429.
 */
public final class ProbePolicy {
    /** The default allow-list: this machine only. */
    public static final List<String> LOOPBACK = List.of("127.0.0.0/8", "::1/128");
    /** The default cap on probes per second over all clients. */
    public static final double DEFAULT_PER_SECOND = 100;
    /** The longest check a probe makes, whatever the scrape timeout: blackbox_exporter's tcp module's 5 s. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private final List<NetworkRule> allow;
    private final double perSecond;
    private final Duration timeout;

    private ProbePolicy(List<NetworkRule> allow, double perSecond, Duration timeout) {
        this.allow = allow;
        this.perSecond = perSecond;
        this.timeout = timeout;
    }

    /**
     * @param allow networks with optional ports: {@code 10.0.0.0/8}, {@code 10.1.2.3:5432},
     *        {@code 192.168.0.0/16:8000-8099}, {@code fd00::/8}, {@code [fd00::]/8:443}; empty allows nothing
     * @param perSecond probes answered per second at most (a token bucket holding one second's worth)
     * @param timeout the longest check; a shorter scrape timeout shortens it
     * @throws IllegalArgumentException for a rule that is not a network (see {@link #validateRule}), a rate
     *         that is not positive, or a timeout that is not positive
     */
    public static ProbePolicy of(List<String> allow, double perSecond, Duration timeout) {
        List<NetworkRule> rules = new ArrayList<>(allow.size());
        for (String rule : allow) {
            rules.add(NetworkRule.parse(Objects.requireNonNull(rule, "rule")));
        }
        if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("probe rate " + perSecond + " is not a positive number: e.g. 100");
        }
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("probe timeout " + timeout + " is not positive: e.g. 5s");
        }
        return new ProbePolicy(Collections.unmodifiableList(rules), perSecond, timeout);
    }

    /** Loopback only, {@value #DEFAULT_PER_SECOND} per second, at most 5 s per check. */
    public static ProbePolicy loopbackOnly() {
        return of(LOOPBACK, DEFAULT_PER_SECOND, DEFAULT_TIMEOUT);
    }

    /** Null when {@code rule} is a valid allow-list entry, else what is wrong with it and what one looks like. */
    public static String validateRule(String rule) {
        try {
            NetworkRule.parse(rule);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** Whether a probe of {@code address} (resolved) may be sent. */
    public boolean allows(InetSocketAddress address) {
        for (NetworkRule rule : allow) {
            if (rule.allows(address)) {
                return true;
            }
        }
        return false;
    }

    /** The allow-list as given. */
    public List<String> allowList() {
        List<String> texts = new ArrayList<>(allow.size());
        for (NetworkRule rule : allow) {
            texts.add(rule.toString());
        }
        return texts;
    }

    public double perSecond() {
        return perSecond;
    }

    public Duration timeout() {
        return timeout;
    }

    @Override
    public String toString() {
        return "probe allowed to " + allowList() + ", " + perSecond + "/s, timeout " + timeout.toMillis() + " ms";
    }
}
