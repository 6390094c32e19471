package io.tcpshake.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.tcpshake.core.Outcome;
import io.tcpshake.core.monitor.MonitorView;
import io.tcpshake.core.monitor.Target;
import io.tcpshake.core.monitor.TargetSnapshot;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * One target's meters on each registry they are bound to. The meters read the target's latest snapshot
 * through this object, which the binder holds: Micrometer keeps only a weak reference to a function meter's
 * object. A meter of a target no longer in the monitor reads NaN until it is removed.
 */
final class TargetMeters {
    private final MonitorView monitor;
    /** The target as the monitor has it now; its name and endpoint never change. */
    private Target target;
    private final Tags tags;
    private final Map<MeterRegistry, List<Meter>> registered = new IdentityHashMap<>();

    TargetMeters(MonitorView monitor, Target target, Tags tags) {
        this.monitor = monitor;
        this.target = target;
        this.tags = tags;
    }

    /** Whether these meters still fit {@code current}: same tags, same endpoint (so the same counters). */
    boolean matches(Target current, Tags currentTags) {
        return tags.equals(currentTags) && target.sameEndpoint(current);
    }

    String name() {
        return target.name();
    }

    Target target() {
        return target;
    }

    /** {@code current} is the same target with other settings (timing) that leave the meters as they are. */
    void follow(Target current) {
        this.target = current;
    }

    void registerOn(MeterRegistry registry) {
        if (registered.containsKey(registry)) {
            return;
        }
        // Recorded before registering, so that meters registered before a registry refuses one are removed too.
        List<Meter> meters = new ArrayList<>(5 + Outcome.values().length);
        registered.put(registry, meters);
        meters.add(Gauge.builder("tcpshake.target.up", this, read(s -> s.state().gaugeValue()))
                .tags(tags)
                .description("Whether the target is up after rise/fall: 1 up, 0 down, -1 unknown (not decided yet)")
                .register(registry));
        for (Outcome outcome : Outcome.values()) {
            meters.add(FunctionCounter.builder("tcpshake.checks", this, read(s -> s.checksByOutcome().get(outcome)))
                    .tags(tags)
                    .tag(TcpshakeMetrics.OUTCOME_TAG, outcome.label())
                    .description("Checks made, by outcome (up, refused, timeout, unreachable, resolve_failed, error)")
                    .register(registry));
        }
        meters.add(FunctionTimer.builder("tcpshake.check.duration", this,
                        m -> m.snapshot().map(s -> s.latency().count()).orElse(0L),
                        read(s -> s.latency().sumNanos()), TimeUnit.NANOSECONDS)
                .tags(tags)
                .description("Time from the start of a check to its answer (SYN-ACK or RST), for checks that got one")
                .register(registry));
        meters.add(TimeGauge.builder("tcpshake.check.last.duration", this, TimeUnit.NANOSECONDS,
                        read(s -> s.latency().count() == 0 ? Double.NaN : s.latency().lastNanos()))
                .tags(tags)
                .description("The latest check's time to its answer (SYN-ACK or RST); absent before one got an answer")
                .register(registry));
        meters.add(FunctionCounter.builder("tcpshake.target.state.changes", this, read(s -> s.stateChanges()))
                .tags(tags)
                .description("Times the target's state changed (the first decision after unknown counts)")
                .register(registry));
    }

    void removeFromAll() {
        for (Map.Entry<MeterRegistry, List<Meter>> entry : registered.entrySet()) {
            for (Meter meter : entry.getValue()) {
                entry.getKey().remove(meter);
            }
        }
        registered.clear();
    }

    private Optional<TargetSnapshot> snapshot() {
        return monitor.snapshot(target.name());
    }

    private static ToDoubleFunction<TargetMeters> read(ToDoubleFunction<TargetSnapshot> field) {
        return meters -> meters.snapshot().map(field::applyAsDouble).orElse(Double.NaN);
    }
}
