package io.tcpshake.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The best measurement per scenario and concurrency, printed as a table with ratios, or as JSON. Besides
 * the best rounds' ratios, the median over the rounds of each round's ratio: a scenario and its baseline
 * run back to back in a round, so on a noisy machine that ratio is steadier than one of two best rounds
 * taken minutes apart.
 */
final class Results {
    private static final String[] BASELINES = {"c-halfopen-limit", "c-halfopen-reuse", "java-blocking-socket"};

    private final Map<String, Measurement> best = new LinkedHashMap<>();
    private final List<Map<String, Measurement>> rounds = new ArrayList<>();

    /** A measurement of round {@code round} (from 0): kept for the per-round ratios, and as the best when it is. */
    void record(int round, Measurement m) {
        while (rounds.size() <= round) {
            rounds.add(new LinkedHashMap<>());
        }
        rounds.get(round).put(key(m.scenario, m.inFlight), m);
        keepBest(m);
    }

    private static String key(String scenario, int inFlight) {
        return scenario + "@" + inFlight;
    }

    private void keepBest(Measurement m) {
        // The accepted count is summed over every round: a half-open check that became a connection in a
        // slower round must not hide behind the best round's 0.
        best.merge(key(m.scenario, m.inFlight), m, (old, now) -> {
            Measurement kept = now.checksPerSecond() > old.checksPerSecond() ? now : old;
            kept.accepted = old.accepted + now.accepted;
            return kept;
        });
    }

    List<Measurement> all() {
        return new ArrayList<>(best.values());
    }

    Measurement find(String scenario, int inFlight) {
        return best.get(key(scenario, inFlight));
    }

    /**
     * The median over the rounds of {@code metric}(m's scenario) / {@code metric}(baseline), both of the same
     * round and concurrency; NaN when no round has both.
     */
    double medianRoundRatio(Measurement m, String baseline, ToDoubleFunction<Measurement> metric) {
        List<Double> ratios = new ArrayList<>();
        for (Map<String, Measurement> round : rounds) {
            Measurement mine = round.get(key(m.scenario, m.inFlight));
            Measurement base = round.get(key(baseline, m.inFlight));
            if (mine != null && base != null) {
                double ratio = metric.applyAsDouble(mine) / metric.applyAsDouble(base);
                if (!Double.isNaN(ratio) && !Double.isInfinite(ratio)) {
                    ratios.add(ratio);
                }
            }
        }
        if (ratios.isEmpty()) {
            return Double.NaN;
        }
        ratios.sort(null);
        int middle = ratios.size() / 2;
        return ratios.size() % 2 == 1 ? ratios.get(middle) : (ratios.get(middle - 1) + ratios.get(middle)) / 2;
    }

    void printTable(PrintWriter out) {
        out.printf("%-24s %9s %14s %12s %12s %12s %10s %10s %10s %9s %12s %12s %12s%n", "scenario", "in-flight",
                "checks/s", "cpu us/chk", "loop us/chk", "heap B/chk", "x limit.c", "x reuse.c", "x blocking",
                "accepted*", "med x limit", "med x reuse", "med cpu x r");
        for (Measurement m : best.values()) {
            out.printf(Locale.ROOT, "%-24s %9d %,14.0f %12.2f %12s %12s %10s %10s %10s %9d %12s %12s %12s%n",
                    m.scenario, m.inFlight, m.checksPerSecond(), m.cpuMicrosPerCheck(),
                    formatted(m.loopCpuMicrosPerCheck(), "%.2f"), formatted(m.bytesPerCheck(), "%.0f"),
                    ratio(m, "c-halfopen-limit"), ratio(m, "c-halfopen-reuse"), ratio(m, "java-blocking-socket"),
                    m.accepted,
                    formatted(medianRoundRatio(m, "c-halfopen-limit", Measurement::checksPerSecond), "%.2f"),
                    formatted(medianRoundRatio(m, "c-halfopen-reuse", Measurement::checksPerSecond), "%.2f"),
                    formatted(medianRoundRatio(m, "c-halfopen-reuse", Measurement::cpuMicrosPerCheck), "%.2f"));
        }
        out.println("med: the median over the rounds of each round's ratio (rate, or CPU per check for 'cpu x r';"
                + " the baseline ran in the same round)");
    }

    private static String formatted(double value, String format) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, format, value);
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
            for (String baseline : BASELINES) {
                Measurement base = find(baseline, m.inFlight);
                if (base != null && base.checksPerSecond() > 0) {
                    String name = baseline.replace('-', '_');
                    row.put("ratio_to_" + name, m.checksPerSecond() / base.checksPerSecond());
                    row.put("median_round_ratio_to_" + name,
                            nullIfNaN(medianRoundRatio(m, baseline, Measurement::checksPerSecond)));
                    row.put("median_round_cpu_ratio_to_" + name,
                            nullIfNaN(medianRoundRatio(m, baseline, Measurement::cpuMicrosPerCheck)));
                }
            }
            rows.add(row);
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("rounds", rounds.size());
        document.put("java_version", System.getProperty("java.version"));
        document.put("cores", Runtime.getRuntime().availableProcessors());
        document.put("load_average", LoadAverage.values());
        document.put("results", rows);
        return document;
    }

    private static Double nullIfNaN(double value) {
        return Double.isNaN(value) ? null : value;
    }
}
