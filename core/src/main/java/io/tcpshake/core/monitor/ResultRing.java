package io.tcpshake.core.monitor;

import io.tcpshake.core.CheckResult;
import io.tcpshake.core.Outcome;

/**
 * A target's last results, two bytes each, in an array allocated once: what {@link Monitor#recentResults}
 * copies. Written where results are processed (one array store per check); read by outputs on their own
 * threads.
 *
 * <p>Each result is packed in a short: the outcome's ordinal in the top 3 bits, the latency in the low 13
 * as a small float of microseconds (8 significant bits and a shift; see {@link #packMicros}): exact below
 * 256 us, within 0.4 % above, up to {@code Integer.MAX_VALUE} us. A sparkline or a tooltip cannot tell.
 */
final class ResultRing {
    private static final Outcome[] OUTCOMES = Outcome.values();
    private static final int LATENCY_BITS = 13;
    private static final int LATENCY_MASK = (1 << LATENCY_BITS) - 1;
    private static final int SIGNIFICANT_BITS = 8;

    static {
        if (OUTCOMES.length > 1 << (Short.SIZE - LATENCY_BITS)) {
            throw new AssertionError("outcomes do not fit in " + (Short.SIZE - LATENCY_BITS) + " bits");
        }
    }

    private final short[] results;
    private int next;
    private int count;

    ResultRing(int capacity) {
        this.results = new short[capacity];
    }

    synchronized void add(CheckResult result) {
        long micros = Math.min(Integer.MAX_VALUE, Math.max(0, result.latencyNanos() / 1000));
        results[next] = (short) (result.outcome().ordinal() << LATENCY_BITS | packMicros((int) micros));
        next = (next + 1) % results.length;
        count = Math.min(count + 1, results.length);
    }

    synchronized RecentResults copy() {
        Outcome[] outcomes = new Outcome[count];
        int[] latencyMicros = new int[count];
        int first = (next - count + results.length) % results.length;
        for (int i = 0; i < count; i++) {
            int packed = results[(first + i) % results.length] & 0xFFFF;
            outcomes[i] = OUTCOMES[packed >>> LATENCY_BITS];
            latencyMicros[i] = unpackMicros(packed & LATENCY_MASK);
        }
        return new RecentResults(outcomes, latencyMicros, results.length);
    }

    /**
     * {@code micros} (0..{@code Integer.MAX_VALUE}) in 13 bits: the shift that leaves 8 significant bits, times
     * 256, plus those bits. Below 256 the shift is 0 and the value itself is kept.
     */
    static int packMicros(int micros) {
        int shift = Math.max(0, Integer.SIZE - Integer.numberOfLeadingZeros(micros) - SIGNIFICANT_BITS);
        return shift << SIGNIFICANT_BITS | micros >>> shift;
    }

    /** The middle of the range {@link #packMicros} folded into {@code packed}. */
    static int unpackMicros(int packed) {
        int shift = packed >>> SIGNIFICANT_BITS;
        int significant = packed & ((1 << SIGNIFICANT_BITS) - 1);
        if (shift == 0) {
            return significant;
        }
        return (int) Math.min(Integer.MAX_VALUE, ((long) significant << shift) + (1L << (shift - 1)));
    }
}
