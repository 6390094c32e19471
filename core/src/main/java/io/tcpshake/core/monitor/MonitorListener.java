package io.tcpshake.core.monitor;

import io.tcpshake.core.CheckResult;

/**
 * Hears what a monitor finds. Called on the monitor's listener executor, never on the checking loop, in
 * the order results arrive for one target. A listener that throws is logged; nothing else stops.
 */
public interface MonitorListener {
    /** A check of {@code snapshot}'s target finished with {@code result}; the snapshot includes it. */
    default void onResult(TargetSnapshot snapshot, CheckResult result) {
    }

    /** A target's state changed (rise or fall reached, or the first result decided it). */
    default void onStateChange(StateChange change) {
    }

    /** A target was added ({@code previous} null), changed, or removed ({@code current} null). */
    default void onTargetChanged(Target previous, Target current) {
    }
}
