package io.tcpshake.micrometer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.tcpshake.core.TcpshakeLoggers;
import io.tcpshake.core.monitor.MonitorListener;
import io.tcpshake.core.monitor.MonitorView;
import io.tcpshake.core.monitor.Target;
import io.tcpshake.core.monitor.TargetSnapshot;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The tcpshake meters of a {@link MonitorView}, for any Micrometer registry. Every meter is function-based
 * and reads the monitor's own {@linkplain TargetSnapshot snapshots} when the registry publishes: nothing is
 * counted or timed twice, and a check never waits on a registry.
 * <pre>{@code
 * new TcpshakeMetrics(monitor, Tags.of("app", "orders")).bindTo(registry);
 * }</pre>
 *
 * <p>Per target, tagged {@code target} (its name) plus the target's labels:
 * <ul>
 * <li>{@code tcpshake.target.up} (gauge): 1 up, 0 down, -1 unknown (no result has decided the state yet),
 * as the Prometheus exporter's {@code tcpshake_target_up}.</li>
 * <li>{@code tcpshake.checks} (function counter, tag {@code outcome}): checks made, one meter per
 * {@link io.tcpshake.core.Outcome}, zeros included.</li>
 * <li>{@code tcpshake.check.duration} (function timer): count and total time of the checks that got an
 * answer (up or refused), from the snapshot's {@link io.tcpshake.core.monitor.LatencySummary}.</li>
 * <li>{@code tcpshake.check.last.duration} (time gauge): the latest of those latencies.</li>
 * <li>{@code tcpshake.target.state.changes} (function counter): times the state changed, the first decision
 * after unknown included.</li>
 * </ul>
 *
 * <p>Targets added, changed or removed later (a configuration reload, {@code Monitor.put}) get, change or
 * lose their meters when the monitor reports it. All targets carry the same tag keys, the union of every
 * target's label names with {@code ""} where a target has no such label, because some registries refuse
 * meters of one name with different tag keys (the PrometheusMeterRegistry of Micrometer 1.15, which Spring
 * Boot 3.5 ships, among them); Prometheus shows an empty label as an absent one. Labels named {@code target} or {@code outcome} are left out: those tags are the binder's.
 *
 * <p>Bind it to any number of registries; {@link #close()} stops listening and removes its meters from them.
 */
public final class TcpshakeMetrics implements MeterBinder, AutoCloseable {
    static final String TARGET_TAG = "target";
    static final String OUTCOME_TAG = "outcome";

    private static final Logger LOG = TcpshakeLoggers.get("io.tcpshake.micrometer");

    private final MonitorView monitor;
    private final Tags tags;
    private final MonitorListener listener = new MonitorListener() {
        @Override
        public void onTargetChanged(Target previous, Target current) {
            // A change keeps the name; removed, previous has it.
            targetChanged((current != null ? current : previous).name());
        }
    };
    /** Guarded by this. */
    private final List<MeterRegistry> registries = new ArrayList<>();
    /** Meters per target name, in the monitor's order. Guarded by this. */
    private final Map<String, TargetMeters> targets = new LinkedHashMap<>();
    /** The user label names every target is tagged with. Guarded by this. */
    private Set<String> labelKeys = Set.of();
    /** Per label name, how many of the targets in {@link #targets} have it. Guarded by this. */
    private final Map<String, Integer> labelKeyCounts = new HashMap<>();
    private boolean listening;
    private boolean closed;

    /** The meters of {@code monitor}'s targets, tagged with their names and labels only. */
    public TcpshakeMetrics(MonitorView monitor) {
        this(monitor, Tags.empty());
    }

    /**
     * @param monitor the monitor to read
     * @param tags extra tags on every meter (e.g. the application's name)
     */
    public TcpshakeMetrics(MonitorView monitor, Iterable<Tag> tags) {
        this.monitor = Objects.requireNonNull(monitor, "monitor");
        this.tags = Tags.of(tags);
    }

    /**
     * Registers a meter set per target of the monitor on {@code registry} and keeps them in step with the
     * targets until {@link #close()}.
     *
     * @throws IllegalStateException when this binder is closed
     */
    @Override
    public synchronized void bindTo(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        if (closed) {
            throw new IllegalStateException("TcpshakeMetrics is closed: create a new one to bind again");
        }
        if (registries.contains(registry)) {
            return;
        }
        registries.add(registry);
        for (TargetMeters meters : targets.values()) {
            register(meters, registry);
        }
        if (!listening) {
            // Listen first, then read the targets: a target added in between is seen either way.
            monitor.addListener(listener);
            listening = true;
        }
        refresh();
    }

    /** Stops following the monitor and removes every meter of this binder from every registry. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            for (TargetMeters meters : targets.values()) {
                meters.removeFromAll();
            }
            targets.clear();
            registries.clear();
        }
        monitor.removeListener(listener);
    }

    /**
     * Brings one target's meters in line with the monitor, whatever the event said (later events may have
     * changed it since): a new target gets meters, a removed one loses them, one whose tags or endpoint
     * changed gets fresh ones (its counters start over with a new endpoint). O(1) per event, so a reload of
     * thousands of targets costs thousands of small steps; only a change of the label names in use, which
     * changes every target's tags, takes a {@link #refresh()}.
     */
    private synchronized void targetChanged(String name) {
        if (closed) {
            return;
        }
        Target now;
        try {
            now = monitor.snapshot(name).map(TargetSnapshot::target).orElse(null);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, () -> "Micrometer: could not read target '" + name + "': " + e, e);
            return;
        }
        TargetMeters existing = targets.get(name);
        countLabels(existing == null ? null : existing.target(), -1);
        countLabels(now, 1);
        if (!labelKeys.equals(labelKeyCounts.keySet())) {
            refresh();
            return;
        }
        if (now == null) {
            if (existing != null) {
                existing.removeFromAll();
                targets.remove(name);
            }
            return;
        }
        Tags wanted = tagsOf(now);
        if (existing != null && existing.matches(now, wanted)) {
            existing.follow(now);
            return;
        }
        if (existing != null) {
            existing.removeFromAll();
        }
        targets.put(name, register(now, wanted));
    }

    /**
     * Brings every target's meters in line with the monitor's targets; when the union of label names
     * changed, every target's tags change with it.
     */
    private synchronized void refresh() {
        List<Target> current = closed ? null : currentTargets();
        if (current == null) {
            return;
        }
        labelKeyCounts.clear();
        for (Target target : current) {
            countLabels(target, 1);
        }
        labelKeys = new TreeSet<>(labelKeyCounts.keySet());
        Map<String, TargetMeters> kept = new HashMap<>();
        for (Target target : current) {
            TargetMeters existing = targets.remove(target.name());
            Tags wanted = tagsOf(target);
            if (existing != null && existing.matches(target, wanted)) {
                existing.follow(target);
                kept.put(target.name(), existing);
            } else {
                if (existing != null) {
                    existing.removeFromAll();
                }
                kept.put(target.name(), register(target, wanted));
            }
        }
        for (TargetMeters gone : targets.values()) {
            gone.removeFromAll();
        }
        targets.clear();
        for (Target target : current) {
            targets.put(target.name(), kept.get(target.name()));
        }
    }

    /** Adds ({@code delta} 1) or takes away (-1) {@code target}'s label names in {@link #labelKeyCounts}. */
    private void countLabels(Target target, int delta) {
        if (target == null) {
            return;
        }
        for (String key : target.labels().keySet()) {
            if (!key.equals(TARGET_TAG) && !key.equals(OUTCOME_TAG)) {
                labelKeyCounts.merge(key, delta, (a, b) -> a + b == 0 ? null : a + b);
            }
        }
    }

    /** The monitor's targets in its order, or null (logged) when they cannot be read: the meters stay. */
    private List<Target> currentTargets() {
        try {
            List<Target> current = new ArrayList<>();
            for (TargetSnapshot snapshot : monitor.snapshot().targets()) {
                current.add(snapshot.target());
            }
            return current;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, () -> "Micrometer: could not read the monitor's targets: " + e
                    + "; the tcpshake meters stay as they were.", e);
            return null;
        }
    }

    private TargetMeters register(Target target, Tags targetTags) {
        TargetMeters meters = new TargetMeters(monitor, target, targetTags);
        for (MeterRegistry registry : registries) {
            register(meters, registry);
        }
        return meters;
    }

    /** A registry that refuses a meter costs that target's meters there, never the others or the monitor. */
    private static void register(TargetMeters meters, MeterRegistry registry) {
        try {
            meters.registerOn(registry);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, () -> "Micrometer: " + registry.getClass().getSimpleName() + " refused a meter"
                    + " of target '" + meters.name() + "': " + e + "; its other targets' meters are there.", e);
        }
    }

    private Tags tagsOf(Target target) {
        List<Tag> list = new ArrayList<>(labelKeys.size() + 1);
        list.add(Tag.of(TARGET_TAG, target.name()));
        for (String key : labelKeys) {
            list.add(Tag.of(key, target.labels().getOrDefault(key, "")));
        }
        return tags.and(list);
    }
}
