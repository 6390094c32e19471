package io.tcpshake.agent.config;

import io.tcpshake.core.InputText;
import io.tcpshake.core.monitor.TargetSettings;
import java.time.Duration;

/**
 * Parses durations as Prometheus and Go write them: {@code 500ms}, {@code 2s}, {@code 1m}, {@code 1h},
 * {@code 1m30s}. A bare {@code 0} is accepted (zero needs no unit); any other bare number is refused, because
 * {@code 10} could mean seconds or milliseconds and guessing wrong is a thousandfold mistake. Digits are
 * ASCII; the longest duration is {@link #MAX}. The grammar of targets.yaml and the agent options; the command
 * line's {@code -t} has its own ({@code CliDuration} in the CLI package), where a plain number is
 * milliseconds.
 */
public final class ConfigDuration {
    private static final String EXPECTED = "expected e.g. 500ms, 2s, 1m, 1h or 1m30s";
    /** The longest duration: a day, as for a target's interval and timeout. */
    public static final Duration MAX = TargetSettings.MAX_DURATION;

    private ConfigDuration() {
    }

    /**
     * The duration {@code text} names.
     *
     * @throws IllegalArgumentException saying what is wrong with {@code text} and how to write it
     */
    public static Duration parse(String text) {
        String s = text.trim();
        if (s.length() > 32) {
            // Not repeated in the suggestion below: a megabyte of digits is no typo of a duration.
            throw new IllegalArgumentException(InputText.quote(text) + " is too long to be a duration: " + EXPECTED);
        }
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        if (InputText.isAsciiDigits(s)) {
            throw new IllegalArgumentException(InputText.quote(text) + " has no unit: write " + s + "s or " + s
                    + "ms (units: ms, s, m, h)");
        }
        Duration total = Duration.ZERO;
        int i = 0;
        int lastUnitRank = Integer.MAX_VALUE;
        while (i < s.length()) {
            int digitsStart = i;
            while (i < s.length() && InputText.isAsciiDigit(s.charAt(i))) {
                i++;
            }
            if (i == digitsStart || i - digitsStart > 9) {
                throw notADuration(text);
            }
            long amount = Long.parseLong(s.substring(digitsStart, i));
            int unitStart = i;
            while (i < s.length() && Character.isLetter(s.charAt(i))) {
                i++;
            }
            String unit = s.substring(unitStart, i);
            int rank = rank(unit);
            if (rank < 0) {
                if (i < s.length() && s.charAt(i) == '.') {
                    throw new IllegalArgumentException(InputText.quote(text) + " has a fraction: write whole "
                            + "numbers of a smaller unit, e.g. 1500ms for 1.5s");
                }
                throw notADuration(text);
            }
            if (rank >= lastUnitRank) {
                // 30s1m or 1m1m: almost certainly a typo, and Go refuses neither, which hides it.
                throw new IllegalArgumentException(InputText.quote(text) + " repeats a unit or has them out of "
                        + "order: write larger units first, e.g. 1h30m or 1m30s");
            }
            lastUnitRank = rank;
            total = total.plus(amountOf(amount, unit));
        }
        if (total.compareTo(MAX) > 0) {
            throw new IllegalArgumentException(InputText.quote(text) + " is longer than " + format(MAX)
                    + ", the longest duration a setting takes");
        }
        return total;
    }

    /** {@code 1m30s}, {@code 500ms}, {@code 0s}: the shortest text {@link #parse} reads back as {@code d}. */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        long ms = d.toMillis();
        long[] sizes = {3_600_000, 60_000, 1_000, 1};
        String[] units = {"h", "m", "s", "ms"};
        for (int k = 0; k < sizes.length; k++) {
            if (ms >= sizes[k]) {
                out.append(ms / sizes[k]).append(units[k]);
                ms %= sizes[k];
            }
        }
        return out.toString();
    }

    private static int rank(String unit) {
        switch (unit) {
            case "ms":
                return 0;
            case "s":
                return 1;
            case "m":
                return 2;
            case "h":
                return 3;
            default:
                return -1;
        }
    }

    private static Duration amountOf(long amount, String unit) {
        switch (unit) {
            case "ms":
                return Duration.ofMillis(amount);
            case "s":
                return Duration.ofSeconds(amount);
            case "m":
                return Duration.ofMinutes(amount);
            default:
                return Duration.ofHours(amount);
        }
    }

    private static IllegalArgumentException notADuration(String text) {
        return new IllegalArgumentException(InputText.quote(text) + " is not a duration: " + EXPECTED);
    }
}
