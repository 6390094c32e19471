package io.tcpshake.agent.cli;

import io.tcpshake.core.CheckResult;
import io.tcpshake.core.Outcome;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/** The human-readable output of {@code check}: one line per result with {@code -v}, and the summary. */
final class TextReport {
    private TextReport() {
    }

    /** {@code 127.0.0.1:9 refused 0.081ms ECONNREFUSED Connection refused}. */
    static String resultLine(CheckTarget target, CheckResult result) {
        StringBuilder line = new StringBuilder(96).append(target.label());
        if (target.isName() && target.resolved() != null) {
            line.append(" (").append(target.resolved().getAddress().getHostAddress()).append(')');
        }
        line.append(' ').append(result.outcome().label()).append(' ').append(millis(result.latencyNanos())).append("ms");
        if (!result.isUp()) {
            line.append(' ').append(AddressTally.reason(result));
        }
        return line.toString();
    }

    /**
     * The locale of the command line's printed numbers: plain digits and a '.', as {@code Locale.ROOT} prints
     * them. {@code Locale.US} because {@link java.util.Formatter} prints in it without loading the JDK's locale
     * data (on JDK 17 about 185 classes, a tenth of those a one-check run loads); no format here groups digits,
     * so the text is the same.
     */
    static final Locale NUMBERS = Locale.US;

    static void printSummary(CheckSummary summary, PrintWriter out) {
        for (AddressTally address : summary.addresses) {
            printTally(address, out);
        }
        if (summary.addresses.size() > 1) {
            printTally(summary.total, out);
        }
        out.printf(NUMBERS, "%s in %s ms: %.0f checks/s; engine %s%n", checks(summary.total.checks()),
                millis(summary.elapsedNanos), summary.checksPerSecond(), summary.engine);
    }

    private static void printTally(AddressTally tally, PrintWriter out) {
        String ip = tally.resolvedIpOfName();
        out.printf(NUMBERS, "%s%s: %s, %d up, %d down%n", tally.label(), ip == null ? "" : " (" + ip + ")",
                checks(tally.checks()), tally.up(), tally.down());
        for (Map.Entry<Outcome, Map<String, Integer>> byOutcome : tally.downReasons().entrySet()) {
            for (Map.Entry<String, Integer> reason : byOutcome.getValue().entrySet()) {
                out.printf(NUMBERS, "  %s %d: %s%n", byOutcome.getKey().label(), reason.getValue(),
                        reason.getKey());
            }
        }
        LatencyStats latency = tally.latency();
        if (latency.count() > 0) {
            out.printf(NUMBERS, "  latency ms: min %s  p50 %s  p99 %s  max %s%n", millis(latency.minNanos()),
                    millis(latency.p50Nanos()), millis(latency.p99Nanos()), millis(latency.maxNanos()));
        }
    }

    private static String checks(int count) {
        return count == 1 ? "1 check" : count + " checks";
    }

    static String millis(long nanos) {
        return String.format(NUMBERS, "%.3f", nanos / 1e6);
    }
}
