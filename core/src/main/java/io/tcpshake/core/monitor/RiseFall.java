package io.tcpshake.core.monitor;

/**
 * HAProxy's rise/fall with one counter: results in a row against the current state. A result that agrees
 * with the state resets the counter; {@code rise} successes turn DOWN into UP, {@code fall} failures turn
 * UP into DOWN. UNKNOWN is decided by the first result, as the issue asks ("unknown until the first
 * result, then up or down"): a freshly added target shows its real state after one check instead of
 * after {@code rise} or {@code fall} of them.
 *
 * <p>A health is one int (the state's ordinal in the low two bits, the counter above), kept in a field of
 * its owner, who guards it: an object of its own would cost each target 24 B.
 */
final class RiseFall {
    /** The health before the first result: UNKNOWN, counter 0. */
    static final int UNKNOWN = 0;
    private static final TargetState[] STATES = TargetState.values();
    private static final int STATE_BITS = 2;

    private RiseFall() {
    }

    static TargetState state(int health) {
        return STATES[health & ((1 << STATE_BITS) - 1)];
    }

    /** Results in a row against the current state; 0 when settled. */
    static int consecutive(int health) {
        return health >>> STATE_BITS;
    }

    /** The health after one more result; the state changed when {@link #state} of the two differs. */
    static int record(int health, boolean up, int rise, int fall) {
        TargetState state = state(health);
        TargetState toward = up ? TargetState.UP : TargetState.DOWN;
        if (state == TargetState.UNKNOWN || state == toward) {
            return of(toward, 0);
        }
        int consecutive = consecutive(health) + 1;
        return consecutive >= (up ? rise : fall) ? of(toward, 0) : of(state, consecutive);
    }

    private static int of(TargetState state, int consecutive) {
        return consecutive << STATE_BITS | state.ordinal();
    }
}
