package io.tcpshake.core.monitor;

import io.tcpshake.core.CheckResult;
import io.tcpshake.core.Outcome;

/**
 * A target's last results, one byte each, in an array allocated once: what {@link Monitor#recentResults}
 * copies. Written where results are processed (one array store per check); read by outputs on their own
 * threads. Not thread-safe: the target's runner holds the array and guards it with its lock.
 *
 * <p>The array is the whole ring: the results, then where the next one goes and how many are kept, two bytes
 * each (a capacity is at most 1000). No object around it: at 100,000 targets one cost 24 B each, and the
 * four bytes fit in the array's own padding (60 results and the four: 80 B, as 60 alone).
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

    /** Bytes after the results: the next position, then the count, each an unsigned 16-bit value. */
    private static final int BOOKKEEPING = 4;

    private ResultRing() {
    }

    /** An empty ring of {@code capacity} results, 1..65535. */
    static byte[] create(int capacity) {
        return new byte[capacity + BOOKKEEPING];
    }

    static void add(byte[] ring, CheckResult result) {
        int capacity = ring.length - BOOKKEEPING;
        int next = field(ring, capacity);
        ring[next] = (byte) pack(result.outcome(), result.latencyNanos());
        setField(ring, capacity, (next + 1) % capacity);
        setField(ring, capacity + 2, Math.min(field(ring, capacity + 2) + 1, capacity));
    }

    static RecentResults copy(byte[] ring) {
        int capacity = ring.length - BOOKKEEPING;
        int next = field(ring, capacity);
        int count = field(ring, capacity + 2);
        Outcome[] outcomes = new Outcome[count];
        int[] latencyMicros = new int[count];
        int first = (next - count + capacity) % capacity;
        for (int i = 0; i < count; i++) {
            int packed = ring[(first + i) % capacity] & 0xFF;
            outcomes[i] = outcome(packed);
            latencyMicros[i] = packed < FAILURES ? unpackMicros(packed % LATENCY_CODES) : -1;
        }
        return new RecentResults(outcomes, latencyMicros, capacity);
    }

    private static int field(byte[] ring, int at) {
        return (ring[at] & 0xFF) << 8 | ring[at + 1] & 0xFF;
    }

    private static void setField(byte[] ring, int at, int value) {
        ring[at] = (byte) (value >>> 8);
        ring[at + 1] = (byte) value;
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
