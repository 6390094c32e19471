package io.tcpshake.core.monitor;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** All targets of a monitor at one moment, plus monitor-wide figures. Immutable. */
public final class MonitorSnapshot {
    private final Instant takenAt;
    private final List<TargetSnapshot> targets;
    private final int checksInFlight;
    private final long checksTotal;

    public MonitorSnapshot(Instant takenAt, List<TargetSnapshot> targets, int checksInFlight, long checksTotal) {
        this.takenAt = Objects.requireNonNull(takenAt, "takenAt");
        this.targets = List.copyOf(targets);
        this.checksInFlight = checksInFlight;
        this.checksTotal = checksTotal;
    }

    public Instant takenAt() {
        return takenAt;
    }

    /** Every target, in the order they were added. */
    public List<TargetSnapshot> targets() {
        return targets;
    }

    /** Checks started and not yet finished, over all targets. */
    public int checksInFlight() {
        return checksInFlight;
    }

    /** Checks finished since the monitor started, over all targets (removed ones included). */
    public long checksTotal() {
        return checksTotal;
    }

    public long upCount() {
        return targets.stream().filter(t -> t.state() == TargetState.UP).count();
    }

    public long downCount() {
        return targets.stream().filter(t -> t.state() == TargetState.DOWN).count();
    }
}
