package io.tcpshake.agent.cli;

import io.tcpshake.core.Checker;
import io.tcpshake.core.InputText;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;

/**
 * Parses the command line's durations: {@code 500ms}, {@code 1s}, {@code 1.5s}, {@code 2m}, {@code 250us}.
 * A plain number is milliseconds, as in the Go {@code tcp-checker}'s {@code -t 1000}. Digits are ASCII;
 * the longest is 24h. Not the grammar of targets.yaml ({@link io.tcpshake.agent.config.ConfigDuration}),
 * which refuses a number without a unit and takes no fractions: a command line is typed and read at once,
 * a file is read months later.
 */
final class CliDuration {
    static final String EXPECTED = "expected a positive duration like 500ms, 1s or 2m (a plain number is milliseconds)";
    /** The longest duration: the longest timeout a check takes. */
    static final Duration MAX = Checker.MAX_TIMEOUT;

    private CliDuration() {
    }

    /**
     * The positive duration {@code text} stands for.
     *
     * @throws IllegalArgumentException naming the text, when it is not a positive duration
     */
    static Duration parse(String text) {
        String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (value.length() > 32) {
            // Before BigDecimal, whose arithmetic on a megabyte of digits takes seconds.
            throw new IllegalArgumentException("invalid duration " + InputText.quote(text) + ": too long; " + EXPECTED);
        }
        int unitStart = 0;
        while (unitStart < value.length() && (InputText.isAsciiDigit(value.charAt(unitStart)) || value.charAt(unitStart) == '.'
                || (unitStart == 0 && value.charAt(0) == '-'))) {
            unitStart++;
        }
        String number = value.substring(0, unitStart);
        String unit = value.substring(unitStart);
        long nanosPerUnit = nanosPer(unit);
        if (number.isEmpty() || nanosPerUnit == 0) {
            throw new IllegalArgumentException("invalid duration " + InputText.quote(text) + ": " + EXPECTED);
        }
        BigDecimal nanos;
        try {
            nanos = new BigDecimal(number).multiply(BigDecimal.valueOf(nanosPerUnit));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid duration " + InputText.quote(text) + ": " + EXPECTED);
        }
        if (nanos.signum() <= 0 || nanos.compareTo(BigDecimal.ONE) < 0) {
            throw new IllegalArgumentException("invalid duration " + InputText.quote(text) + ": not positive; "
                    + EXPECTED);
        }
        if (nanos.compareTo(BigDecimal.valueOf(MAX.toNanos())) > 0) {
            throw new IllegalArgumentException("invalid duration " + InputText.quote(text) + ": longer than 24h; "
                    + EXPECTED);
        }
        return Duration.ofNanos(nanos.longValue());
    }

    /** {@code 1s}, {@code 500ms}, {@code 1.5s}, {@code 2m}: the short form a user would type. */
    static String format(Duration duration) {
        long nanos = duration.toNanos();
        if (nanos % 60_000_000_000L == 0) {
            return nanos / 60_000_000_000L + "m";
        }
        if (nanos % 1_000_000_000L == 0) {
            return nanos / 1_000_000_000L + "s";
        }
        if (nanos % 1_000_000L == 0) {
            return nanos / 1_000_000L + "ms";
        }
        return BigDecimal.valueOf(nanos, 6).stripTrailingZeros().toPlainString() + "ms";
    }

    private static long nanosPer(String unit) {
        switch (unit) {
            case "":
            case "ms":
                return 1_000_000L;
            case "us":
                return 1_000L;
            case "s":
                return 1_000_000_000L;
            case "m":
                return 60_000_000_000L;
            case "h":
                return 3_600_000_000_000L;
            default:
                return 0;
        }
    }
}
