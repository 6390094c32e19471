package io.tcpshake.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The best measurement per scenario and concurrency, printed as a table with ratios, or as JSON. */
final class Results {
    private final Map<String, Measurement> best = new LinkedHashMap<>();

    void keepBest(Measurement m) {
        // The accepted count is summed over every round: a half-open check that became a connection in a
        // slower round must not hide behind the best round's 0.
        best.merge(m.scenario + "@" + m.inFlight, m, (old, now) -> {
            Measurement kept = now.checksPerSecond() > old.checksPerSecond() ? now : old;
            kept.accepted = old.accepted + now.accepted;
            return kept;
        });
    }

    List<Measurement> all() {
        return new ArrayList<>(best.values());
    }

    Measurement find(String scenario, int inFlight) {
        return best.get(scenario + "@" + inFlight);
    }

    void printTable(PrintWriter out) {
        out.printf("%-24s %9s %14s %12s %12s %12s %10s %10s %10s %9s%n", "scenario", "in-flight", "checks/s",
                "cpu us/chk", "loop us/chk", "heap B/chk", "x limit.c", "x reuse.c", "x blocking", "accepted*");
        for (Measurement m : best.values()) {
            out.printf(Locale.ROOT, "%-24s %9d %,14.0f %12.2f %12s %12s %10s %10s %10s %9d%n", m.scenario, m.inFlight,
                    m.checksPerSecond(), m.cpuMicrosPerCheck(),
                    Double.isNaN(m.loopCpuMicrosPerCheck()) ? "-"
                            : String.format(Locale.ROOT, "%.2f", m.loopCpuMicrosPerCheck()),
                    Double.isNaN(m.bytesPerCheck()) ? "-" : String.format(Locale.ROOT, "%.0f", m.bytesPerCheck()),
                    ratio(m, "c-halfopen-limit"), ratio(m, "c-halfopen-reuse"), ratio(m, "java-blocking-socket"), m.accepted);
        }
    }

    private String ratio(Measurement m, String baseline) {
        Measurement base = find(baseline, m.inFlight);
        if (base == null || base.checksPerSecond() == 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.2f", m.checksPerSecond() / base.checksPerSecond());
    }

    /** The rows with their ratios, and the machine they were measured on: the {@code --json} document. */
    Map<String, Object> jsonDocument() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Measurement m : best.values()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("scenario", m.scenario);
            row.put("in_flight", m.inFlight);
            row.put("checks", m.checks);
            row.put("up", m.up);
            row.put("seconds", m.seconds);
            row.put("checks_per_second", m.checksPerSecond());
            row.put("cpu_us_per_check", Double.isNaN(m.cpuMicrosPerCheck()) ? null : m.cpuMicrosPerCheck());
            row.put("loop_cpu_us_per_check", Double.isNaN(m.loopCpuMicrosPerCheck()) ? null : m.loopCpuMicrosPerCheck());
            row.put("heap_bytes_per_check", Double.isNaN(m.bytesPerCheck()) ? null : m.bytesPerCheck());
            row.put("accepted_all_rounds", m.accepted);
            for (String baseline : new String[] {"c-halfopen-limit", "c-halfopen-reuse", "java-blocking-socket"}) {
                Measurement base = find(baseline, m.inFlight);
                if (base != null && base.checksPerSecond() > 0) {
                    row.put("ratio_to_" + baseline.replace('-', '_'), m.checksPerSecond() / base.checksPerSecond());
                }
            }
            rows.add(row);
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("java_version", System.getProperty("java.version"));
        document.put("cores", Runtime.getRuntime().availableProcessors());
        document.put("load_average", LoadAverage.values());
        document.put("results", rows);
        return document;
    }
}
