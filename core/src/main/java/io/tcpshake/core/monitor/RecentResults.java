package io.tcpshake.core.monitor;

import io.tcpshake.core.Outcome;
import java.util.Arrays;
import java.util.Objects;

/**
 * The outcome and latency of a target's last checks, oldest first, as a monitor keeps them (at most
 * {@link #capacity()}; see {@link Monitor.Builder#recentResults}). An immutable copy, for outputs that show
 * a target's recent past (the exporter's status page).
 */
public final class RecentResults {
    /** Nothing kept. */
    public static final RecentResults NONE = new RecentResults(new Outcome[0], new int[0], 0);

    private final Outcome[] outcomes;
    private final int[] latencyMicros;
    private final int capacity;

    /**
     * @param outcomes the outcomes, oldest first
     * @param latencyMicros the latency of each, in microseconds
     * @param capacity how many a full history holds (at least {@code outcomes.length})
     */
    public RecentResults(Outcome[] outcomes, int[] latencyMicros, int capacity) {
        if (outcomes.length != latencyMicros.length || capacity < outcomes.length) {
            throw new IllegalArgumentException(outcomes.length + " outcomes, " + latencyMicros.length
                    + " latencies, capacity " + capacity + ": expected as many latencies as outcomes, within capacity");
        }
        this.outcomes = outcomes.clone();
        for (Outcome outcome : this.outcomes) {
            Objects.requireNonNull(outcome, "outcome");
        }
        this.latencyMicros = latencyMicros.clone();
        this.capacity = capacity;
    }

    /** Checks kept now. */
    public int count() {
        return outcomes.length;
    }

    /** Checks a full history holds; 0 when none are kept. */
    public int capacity() {
        return capacity;
    }

    /** The outcome of check {@code i}, 0 the oldest. */
    public Outcome outcome(int i) {
        return outcomes[i];
    }

    /**
     * The latency of check {@code i} in microseconds when it got an answer ({@link #answered}), else -1: a
     * monitor keeps an answer's latency in one byte with its outcome, within 7 % from 10 us to 100 s (10 us
     * for any below, 100 s for any above), and not a failure's time waited.
     */
    public int latencyMicros(int i) {
        return latencyMicros[i];
    }

    /** Whether check {@code i} got an answer (SYN-ACK or reset), so its latency is a round trip, not a timeout. */
    public boolean answered(int i) {
        return outcomes[i] == Outcome.UP || outcomes[i] == Outcome.REFUSED;
    }

    @Override
    public String toString() {
        return "RecentResults" + Arrays.toString(outcomes) + " of " + capacity;
    }
}
