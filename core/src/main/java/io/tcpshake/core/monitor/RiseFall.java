package io.tcpshake.core.monitor;

/**
 * HAProxy's rise/fall with one counter: results in a row against the current state. A result that agrees
 * with the state resets the counter; {@code rise} successes turn DOWN into UP, {@code fall} failures turn
 * UP into DOWN. UNKNOWN is decided by the first result, as the issue asks ("unknown until the first
 * result, then up or down"): a freshly added target shows its real state after one check instead of
 * after {@code rise} or {@code fall} of them. Not thread-safe: the owner guards it.
 */
final class RiseFall {
    private TargetState state = TargetState.UNKNOWN;
    private int consecutive;

    TargetState state() {
        return state;
    }

    /** Results in a row against the current state; 0 when settled. */
    int consecutive() {
        return consecutive;
    }

    /**
     * Counts one result.
     *
     * @return true when the state changed
     */
    boolean record(boolean up, int rise, int fall) {
        TargetState toward = up ? TargetState.UP : TargetState.DOWN;
        if (state == TargetState.UNKNOWN) {
            state = toward;
            consecutive = 0;
            return true;
        }
        if (state == toward) {
            consecutive = 0;
            return false;
        }
        consecutive++;
        if (consecutive >= (up ? rise : fall)) {
            state = toward;
            consecutive = 0;
            return true;
        }
        return false;
    }
}
