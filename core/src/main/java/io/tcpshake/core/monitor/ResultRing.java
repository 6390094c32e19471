package io.tcpshake.core.monitor;

import io.tcpshake.core.CheckResult;
import io.tcpshake.core.Outcome;

/**
 * A target's last results, one byte each, in an array allocated once: what {@link Monitor#recentResults}
 * copies. Written where results are processed (one array store per check); read by outputs on their own
 * threads.
 *
 * <p>A byte holds an answered check's outcome (UP or REFUSED) with its latency on a log scale, or a failure's
 * outcome alone: codes 0 to 123 are UP, 124 to 247 REFUSED, each with {@link #LATENCY_CODES} latencies from
 * 10 us to 100 s, 14 % apart, so a latency comes back within 7 % in whole microseconds (10 us below 10 us, 100 s
 * above 100 s); 248 and on are the failures, by ordinal. Enough for the status page's sparkline of the
 * answers' latencies and its tooltip's min, median and max; of a failure the page shows the outcome's colour,
 * and its time waited is not kept. Half the two bytes a result took before: 60 results in 80 B, not 136 B.
 */
final class ResultRing {
    private static final Outcome[] OUTCOMES = Outcome.values();
    static final int LATENCY_CODES = 124;
    private static final double LOWEST_MICROS = 10;
    /** The ratio of one latency code to the next: 10 us to 100 s (10^7) in 123 steps. */
    private static final double LOG_STEP = Math.log(1e7) / (LATENCY_CODES - 1);
    private static final int FAILURES = 2 * LATENCY_CODES;

    static {
        if (OUTCOMES[0] != Outcome.UP || OUTCOMES[1] != Outcome.REFUSED || FAILURES + OUTCOMES.length - 2 > 256) {
            throw new AssertionError("outcomes do not fit in a byte after UP and REFUSED's latencies");
        }
    }

    private final byte[] results;
    private int next;
    private int count;

    ResultRing(int capacity) {
        this.results = new byte[capacity];
    }

    synchronized void add(CheckResult result) {
        results[next] = (byte) pack(result.outcome(), result.latencyNanos());
        next = (next + 1) % results.length;
        count = Math.min(count + 1, results.length);
    }

    synchronized RecentResults copy() {
        Outcome[] outcomes = new Outcome[count];
        int[] latencyMicros = new int[count];
        int first = (next - count + results.length) % results.length;
        for (int i = 0; i < count; i++) {
            int packed = results[(first + i) % results.length] & 0xFF;
            outcomes[i] = outcome(packed);
            latencyMicros[i] = packed < FAILURES ? unpackMicros(packed % LATENCY_CODES) : -1;
        }
        return new RecentResults(outcomes, latencyMicros, results.length);
    }

    /** The byte for a result: an answer's outcome and latency, a failure's outcome. */
    static int pack(Outcome outcome, long latencyNanos) {
        if (outcome == Outcome.UP || outcome == Outcome.REFUSED) {
            return outcome.ordinal() * LATENCY_CODES + packMicros(latencyNanos / 1000.0);
        }
        return FAILURES + outcome.ordinal() - 2;
    }

    static Outcome outcome(int packed) {
        return packed < FAILURES ? OUTCOMES[packed / LATENCY_CODES] : OUTCOMES[packed - FAILURES + 2];
    }

    /** The latency code nearest {@code micros} on the log scale, 0..{@link #LATENCY_CODES} - 1. */
    static int packMicros(double micros) {
        if (!(micros > LOWEST_MICROS)) {
            return 0;
        }
        return (int) Math.min(LATENCY_CODES - 1, Math.round(Math.log(micros / LOWEST_MICROS) / LOG_STEP));
    }

    /** The latency of code {@code code}, in microseconds. */
    static int unpackMicros(int code) {
        return (int) Math.round(LOWEST_MICROS * Math.exp(code * LOG_STEP));
    }
}
