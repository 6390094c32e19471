package io.tcpshake.exporter;

import io.tcpshake.core.monitor.LatencySummary;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Which targets get a {@code tcpshake_check_duration_seconds} histogram, and with which buckets. A
 * histogram is most of a target's series (18 of 28 with every bucket), so a fleet of many targets turns it
 * off, or keeps a few buckets. The buckets are chosen among the bounds the monitor records
 * ({@link LatencySummary#BUCKET_BOUNDS_SECONDS}, 100 µs to 10 s): choosing costs nothing per check.
 */
public final class Histograms {
    /** Every recorded bucket, for every target: the default. */
    public static final Histograms ALL = new Histograms(allIndexes(), name -> true);
    /** No histogram for any target. */
    public static final Histograms OFF = new Histograms(new int[0], name -> false);

    private final int[] bucketIndexes;
    private final Predicate<String> forTarget;

    private Histograms(int[] bucketIndexes, Predicate<String> forTarget) {
        this.bucketIndexes = bucketIndexes;
        this.forTarget = forTarget;
    }

    /**
     * @param bucketBoundsSeconds the {@code le} bounds, each one of {@link LatencySummary#BUCKET_BOUNDS_SECONDS}
     *        (+Inf is always there)
     * @param forTarget which targets, by name, get a histogram; asked at every scrape, so it may follow reloads
     * @throws IllegalArgumentException for a bound the monitor does not record, naming those it does
     */
    public static Histograms of(double[] bucketBoundsSeconds, Predicate<String> forTarget) {
        Objects.requireNonNull(forTarget, "forTarget");
        double[] sorted = bucketBoundsSeconds.clone();
        Arrays.sort(sorted);
        int[] indexes = new int[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            indexes[i] = indexOf(sorted[i]);
            if (indexes[i] < 0) {
                throw new IllegalArgumentException(invalidBound(sorted[i]));
            }
            if (i > 0 && indexes[i] == indexes[i - 1]) {
                throw new IllegalArgumentException("histogram bucket " + plain(sorted[i]) + " is given twice");
            }
        }
        return new Histograms(indexes, forTarget);
    }

    /** Null when {@code bound} is a bucket bound the monitor records, else what the bounds are. */
    public static String validateBound(double bound) {
        return indexOf(bound) < 0 ? invalidBound(bound) : null;
    }

    boolean isOn(String targetName) {
        return forTarget.test(targetName);
    }

    /** The indexes into {@link LatencySummary#BUCKET_BOUNDS_SECONDS} exposed, ascending. */
    int[] bucketIndexes() {
        return bucketIndexes;
    }

    private static int indexOf(double bound) {
        double[] bounds = LatencySummary.BUCKET_BOUNDS_SECONDS;
        for (int i = 0; i < bounds.length; i++) {
            if (bounds[i] == bound) {
                return i;
            }
        }
        return -1;
    }

    private static String invalidBound(double bound) {
        StringBuilder known = new StringBuilder();
        for (double b : LatencySummary.BUCKET_BOUNDS_SECONDS) {
            known.append(known.length() == 0 ? "" : ", ").append(plain(b));
        }
        return "histogram bucket " + plain(bound) + " is not one the monitor records: choose among " + known
                + " (seconds)";
    }

    private static String plain(double seconds) {
        return java.math.BigDecimal.valueOf(seconds).stripTrailingZeros().toPlainString();
    }

    private static int[] allIndexes() {
        int[] all = new int[LatencySummary.BUCKET_BOUNDS_SECONDS.length];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return all;
    }
}
