package io.tcpshake.core.monitor;

/** A target's health after rise/fall: unknown until its first result decides it. */
public enum TargetState {
    UNKNOWN,
    UP,
    DOWN;

    /** {@code 1} up, {@code 0} down, {@code -1} unknown: how gauges show it. */
    public int gaugeValue() {
        return this == UP ? 1 : this == DOWN ? 0 : -1;
    }
}
