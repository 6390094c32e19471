package io.tcpshake.exporter;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Times and latencies as a person reads them on the status page: {@code 3m 12s}, {@code 0.21 ms}. */
final class TimeText {
    private static final DateTimeFormatter EXACT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private TimeText() {
    }

    /** The two largest units: {@code 45s}, {@code 3m 12s}, {@code 2h 3m}, {@code 4d 2h}; under a second, {@code 0s}. */
    static String duration(long millis) {
        long seconds = Math.max(0, millis) / 1000;
        long days = seconds / 86_400;
        long hours = seconds / 3600 % 24;
        long minutes = seconds / 60 % 60;
        long secs = seconds % 60;
        if (days > 0) {
            return days + "d " + hours + "h";
        }
        if (hours > 0) {
            return hours + "h " + minutes + "m";
        }
        if (minutes > 0) {
            return minutes + "m " + secs + "s";
        }
        return secs + "s";
    }

    /** {@code 3m 12s ago}, or {@code just now} within the second. */
    static String ago(Instant then, Instant now) {
        long millis = now.toEpochMilli() - then.toEpochMilli();
        return millis < 1000 ? "just now" : duration(millis) + " ago";
    }

    /** {@code 2026-11-26 09:00:01.500 UTC}: for the hover text beside a relative time. */
    static String exact(Instant instant) {
        return EXACT.format(instant);
    }

    /** {@code 09:00:01 UTC}. */
    static String clock(Instant instant) {
        return CLOCK.format(instant);
    }

    /** {@code 0.21 ms}, {@code 12.3 ms}, {@code 301 ms}, {@code 1.25 s}: three significant digits at most. */
    static String latency(long micros) {
        double millis = micros / 1000.0;
        if (millis >= 1000) {
            return String.format(Locale.ROOT, "%.2f s", millis / 1000);
        }
        if (millis >= 100) {
            return String.format(Locale.ROOT, "%.0f ms", millis);
        }
        if (millis >= 10) {
            return String.format(Locale.ROOT, "%.1f ms", millis);
        }
        return String.format(Locale.ROOT, "%.2f ms", millis);
    }
}
