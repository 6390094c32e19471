package io.tcpshake.jmx;

import io.tcpshake.core.CheckResult;
import io.tcpshake.core.HostPort;
import io.tcpshake.core.Outcome;
import io.tcpshake.core.monitor.AddressPolicy;
import io.tcpshake.core.monitor.LatencySummary;
import io.tcpshake.core.monitor.Target;
import io.tcpshake.core.monitor.TargetSnapshot;
import io.tcpshake.core.monitor.TargetState;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;

/**
 * One {@link TargetMXBean}'s attributes, as a JMX client reads them (open types: maps are
 * {@link TabularData}), turned back into a {@link TargetSnapshot}. What the MBean does not show is left at its
 * default: the target's jitter, IP preference and initial delay, the result that decided the state, the
 * per-address states and the latency histogram.
 */
final class TargetAttributes {
    /** The attributes {@link #snapshot} reads, in one {@code getAttributes} call. */
    static final String[] NAMES = {
        "Name", "Address", "State", "StateSince", "Consecutive", "LastOutcome", "LastLatencyMillis", "LastErrno",
        "LastErrnoText", "LastAddress", "LastCheckTime", "ChecksByOutcome", "StateChanges", "LatencyCount",
        "LatencyLastMillis", "LatencyMinMillis", "LatencyMaxMillis", "LatencyMeanMillis", "IntervalMillis",
        "FastIntervalMillis", "DownIntervalMillis", "TimeoutMillis", "Rise", "Fall", "AddressPolicy", "Labels",
        "Critical",
    };

    private final Map<String, Object> values = new LinkedHashMap<>();

    TargetAttributes(AttributeList attributes) {
        for (Attribute attribute : attributes.asList()) {
            values.put(attribute.getName(), attribute.getValue());
        }
    }

    TargetSnapshot snapshot() {
        Target target = target();
        return new TargetSnapshot(target, TargetState.valueOf(string("State")), instant("StateSince"), null,
                lastResult(target), values.get("LastCheckTime") == null ? null : instant("LastCheckTime"),
                number("Consecutive").intValue(), checksByOutcome(), number("StateChanges").longValue(),
                latency(), List.of());
    }

    private Target target() {
        return Target.builder(string("Address"))
                .name(string("Name"))
                .interval(millis("IntervalMillis"))
                .fastInterval(millis("FastIntervalMillis"))
                .downInterval(millis("DownIntervalMillis"))
                .timeout(millis("TimeoutMillis"))
                .rise(number("Rise").intValue())
                .fall(number("Fall").intValue())
                .addressPolicy(AddressPolicy.valueOf(string("AddressPolicy")))
                .labels(map("Labels"))
                .critical(Boolean.TRUE.equals(values.get("Critical")))
                .build();
    }

    /** The latest result as the monitor made it, from its outcome, errno, text, address and latency. */
    private CheckResult lastResult(Target target) {
        String outcome = string("LastOutcome");
        if (outcome.isEmpty()) {
            return null;
        }
        InetSocketAddress address = HostPort.parse(string("LastAddress"));
        long latency = nanos(number("LastLatencyMillis").doubleValue());
        int errno = number("LastErrno").intValue();
        switch (Outcome.valueOf(outcome)) {
            case UP:
                return CheckResult.up(address, latency);
            case TIMEOUT:
                return CheckResult.timeout(address, target.timeout().toNanos(), latency);
            case RESOLVE_FAILED:
                return CheckResult.resolveFailed(address, string("LastErrnoText"), latency);
            case ERROR:
                return CheckResult.error(address, errno, string("LastErrnoText"), latency);
            default:
                return CheckResult.connectFailed(address, errno, latency);
        }
    }

    private Map<Outcome, Long> checksByOutcome() {
        Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
        map("ChecksByOutcome").forEach((outcome, count) -> counts.put(Outcome.valueOf(outcome), Long.valueOf(count)));
        return counts;
    }

    private LatencySummary latency() {
        long count = number("LatencyCount").longValue();
        long mean = nanos(number("LatencyMeanMillis").doubleValue());
        return LatencySummary.ofFigures(count, mean * count, nanos(number("LatencyLastMillis").doubleValue()),
                nanos(number("LatencyMinMillis").doubleValue()), nanos(number("LatencyMaxMillis").doubleValue()));
    }

    private String string(String name) {
        Object value = values.get(name);
        return value == null ? "" : value.toString();
    }

    private Number number(String name) {
        Object value = values.get(name);
        return value instanceof Number ? (Number) value : 0;
    }

    private Duration millis(String name) {
        return Duration.ofMillis(number(name).longValue());
    }

    private Instant instant(String name) {
        Object value = values.get(name);
        return value instanceof Date ? ((Date) value).toInstant() : Instant.EPOCH;
    }

    /** An MXBean's {@code Map<String, ?>}: a table of rows with items {@code key} and {@code value}. */
    private Map<String, String> map(String name) {
        Map<String, String> map = new LinkedHashMap<>();
        Object value = values.get(name);
        if (value instanceof TabularData) {
            for (Object row : ((TabularData) value).values()) {
                CompositeData entry = (CompositeData) row;
                map.put(String.valueOf(entry.get("key")), String.valueOf(entry.get("value")));
            }
        }
        return map;
    }

    private static long nanos(double millis) {
        return Math.round(millis * 1e6);
    }
}
