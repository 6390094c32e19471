package io.tcpshake.core.monitor;

import io.tcpshake.core.CheckResult;
import io.tcpshake.core.Outcome;

/**
 * A target's last results, a byte and an int each, in arrays allocated once: what
 * {@link Monitor#recentResults} copies. Written where results are processed (two array stores per check,
 * less than handing each result to a listener thread); read by outputs on their own threads.
 */
final class ResultRing {
    private static final Outcome[] OUTCOMES = Outcome.values();
    private final byte[] outcomes;
    private final int[] latencyMicros;
    private int next;
    private int count;

    ResultRing(int capacity) {
        outcomes = new byte[capacity];
        latencyMicros = new int[capacity];
    }

    synchronized void add(CheckResult result) {
        outcomes[next] = (byte) result.outcome().ordinal();
        latencyMicros[next] = (int) Math.min(Integer.MAX_VALUE, result.latencyNanos() / 1000);
        next = (next + 1) % outcomes.length;
        count = Math.min(count + 1, outcomes.length);
    }

    synchronized RecentResults copy() {
        Outcome[] copiedOutcomes = new Outcome[count];
        int[] copiedLatency = new int[count];
        int first = (next - count + outcomes.length) % outcomes.length;
        for (int i = 0; i < count; i++) {
            int slot = (first + i) % outcomes.length;
            copiedOutcomes[i] = OUTCOMES[outcomes[slot]];
            copiedLatency[i] = latencyMicros[slot];
        }
        return new RecentResults(copiedOutcomes, copiedLatency, outcomes.length);
    }
}
