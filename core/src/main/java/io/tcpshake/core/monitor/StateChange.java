package io.tcpshake.core.monitor;

import io.tcpshake.core.CheckResult;
import java.time.Instant;
import java.util.Objects;

/** A target went from one state to another: when, and the result that decided it. */
public final class StateChange {
    private final TargetSnapshot snapshot;
    private final TargetState from;
    private final TargetState to;
    private final Instant at;
    private final CheckResult reason;

    public StateChange(TargetSnapshot snapshot, TargetState from, TargetState to, Instant at, CheckResult reason) {
        this.snapshot = Objects.requireNonNull(snapshot, "snapshot");
        this.from = Objects.requireNonNull(from, "from");
        this.to = Objects.requireNonNull(to, "to");
        this.at = Objects.requireNonNull(at, "at");
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** The target right after the change. */
    public TargetSnapshot snapshot() {
        return snapshot;
    }

    public String targetName() {
        return snapshot.name();
    }

    public TargetState from() {
        return from;
    }

    public TargetState to() {
        return to;
    }

    public Instant at() {
        return at;
    }

    /** The check that completed the rise or fall. */
    public CheckResult reason() {
        return reason;
    }

    @Override
    public String toString() {
        return snapshot.name() + " " + from + " -> " + to + " at " + at + " (" + reason + ")";
    }
}
