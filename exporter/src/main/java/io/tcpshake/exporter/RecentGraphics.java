package io.tcpshake.exporter;

import io.tcpshake.core.Outcome;
import io.tcpshake.core.monitor.RecentResults;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * The two small inline SVGs of a status page row: the strip of the last checks (a cell per check, oldest
 * left; failures full height, so the strip reads without colour too) and the latency sparkline of the
 * checks that got an answer (timeouts would only show the timeout). Colours come from the page's
 * stylesheet ({@code o-up}, {@code o-refused}, ...); the gaps between cells are a CSS mask, so a run of
 * equal results is one rectangle.
 */
final class RecentGraphics {
    static final int CELL = 3;
    static final int STRIP_HEIGHT = 14;
    static final int SPARK_STEP = 2;
    static final int SPARK_HEIGHT = 22;

    private RecentGraphics() {
    }

    static void strip(StringBuilder html, RecentResults recent) {
        if (recent.capacity() == 0) {
            html.append("<small class=\"muted\">not kept</small>");
            return;
        }
        int width = recent.capacity() * CELL;
        String description = stripDescription(recent);
        html.append("<svg class=\"strip\" width=\"").append(width).append("\" height=\"").append(STRIP_HEIGHT)
                .append("\" role=\"img\"><title>")
                .append(description).append("</title><rect class=\"o-none\" y=\"5\" width=\"").append(width)
                .append("\" height=\"").append(STRIP_HEIGHT - 5).append("\"/>");
        int offset = recent.capacity() - recent.count();
        int start = 0;
        for (int i = 1; i <= recent.count(); i++) {
            if (i == recent.count() || recent.outcome(i) != recent.outcome(start)) {
                Outcome outcome = recent.outcome(start);
                int y = outcome.isUp() ? 5 : 0;
                html.append("<rect class=\"o-").append(outcome.label()).append("\" x=\"")
                        .append((offset + start) * CELL).append("\" y=\"").append(y).append("\" width=\"")
                        .append((i - start) * CELL).append("\" height=\"").append(STRIP_HEIGHT - y).append("\"/>");
                start = i;
            }
        }
        html.append("</svg>");
    }

    /** {@code Last 60 checks, oldest left: 57 up, 3 timeout}. */
    static String stripDescription(RecentResults recent) {
        if (recent.count() == 0) {
            return "No checks yet";
        }
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        for (int i = 0; i < recent.count(); i++) {
            counts.merge(recent.outcome(i), 1, Integer::sum);
        }
        StringBuilder text = new StringBuilder("Last ").append(recent.count())
                .append(recent.count() == 1 ? " check" : " checks, oldest left").append(':');
        String separator = " ";
        for (Map.Entry<Outcome, Integer> count : counts.entrySet()) {
            text.append(separator).append(count.getValue()).append(' ').append(count.getKey().label());
            separator = ", ";
        }
        return text.toString();
    }

    /** The sparkline, or nothing when no check got an answer; returns the median latency in micros, or -1. */
    static long sparkline(StringBuilder html, RecentResults recent) {
        int[] answered = new int[recent.count()];
        int n = 0;
        for (int i = 0; i < recent.count(); i++) {
            if (recent.answered(i)) {
                answered[n++] = recent.latencyMicros(i);
            }
        }
        if (n == 0) {
            return -1;
        }
        int[] sorted = Arrays.copyOf(answered, n);
        Arrays.sort(sorted);
        long median = sorted[n / 2];
        // One slow check (the first after a start, a GC pause) would flatten the rest: the scale stops at
        // four times the median, and a higher point touches the top. A drift still shows, as a line that climbs.
        long top = Math.max(1, Math.min(sorted[n - 1], 4 * median));
        String description = "Latency of the last " + n + (n == 1 ? " answer: " : " answers: min ")
                + TimeText.latency(sorted[0]) + (n == 1 ? "" : ", median " + TimeText.latency(median)
                + ", max " + TimeText.latency(sorted[n - 1])) + " (scale 0 to " + TimeText.latency(top) + ")";
        html.append("<svg class=\"spark\" width=\"").append((recent.capacity() - 1) * SPARK_STEP + 4)
                .append("\" height=\"").append(SPARK_HEIGHT).append("\" role=\"img\"><title>").append(description)
                .append("</title><path d=\"");
        int offset = recent.capacity() - recent.count();
        boolean inLine = false;
        int lastX = 0;
        int lastY = 0;
        for (int i = 0; i < recent.count(); i++) {
            if (!recent.answered(i)) {
                inLine = false;
                continue;
            }
            lastX = 2 + (offset + i) * SPARK_STEP;
            double height = Math.min(1.0, (double) recent.latencyMicros(i) / top);
            lastY = (int) Math.round(SPARK_HEIGHT - 2 - (SPARK_HEIGHT - 4) * height);
            html.append(inLine ? 'L' : 'M').append(lastX).append(' ').append(lastY);
            inLine = true;
        }
        html.append("\"/><circle cx=\"").append(lastX).append("\" cy=\"").append(lastY).append("\" r=\"2\"/></svg>");
        return median;
    }
}
