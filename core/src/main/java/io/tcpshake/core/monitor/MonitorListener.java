package io.tcpshake.core.monitor;

import io.tcpshake.core.CheckResult;

/**
 * Hears what a monitor finds. The {@code on*} methods are called on the monitor's listener executor, never
 * on the checking loop, in the order results arrive for one target; only {@link #wantsResults()} is asked
 * where results are processed. A listener that throws is logged; nothing else stops.
 */
public interface MonitorListener {
    /**
     * A check of {@code snapshot}'s target finished with {@code result}; the snapshot includes it. Called only
     * for a listener that overrides this method, and only while {@link #wantsResults()} says so: results
     * are the one event per check, and a monitor hands them to the listener executor only when someone
     * listens.
     */
    default void onResult(TargetSnapshot snapshot, CheckResult result) {
    }

    /**
     * Whether {@link #onResult} should hear the results of checks now; true by default. For a listener whose
     * output can be off (a JFR event type not enabled in any recording): false spares the monitor a hand-off
     * to the listener thread per check. Asked for every result where the monitor processes results, which is
     * the checking loop: it must return at once (a field read) and never block.
     */
    default boolean wantsResults() {
        return true;
    }

    /** A target's state changed (rise or fall reached, or the first result decided it). */
    default void onStateChange(StateChange change) {
    }

    /** A target was added ({@code previous} null), changed, or removed ({@code current} null). */
    default void onTargetChanged(Target previous, Target current) {
    }
}
