package io.tcpshake.exporter;

import io.prometheus.client.Collector;
import io.prometheus.client.Predicate;
import io.tcpshake.core.monitor.Target;
import java.io.IOException;
import java.io.Writer;
import java.util.Map;

/**
 * Writes a {@link TargetFamily} in the text format 0.0.4 or OpenMetrics 1.0.0, line by line from its samples,
 * byte for byte as simpleclient's {@code TextFormat} writes the same family (its number formatting,
 * {@link Collector#doubleToGoString}, is used as it is). simpleclient's writer cannot be given these families:
 * it writes only a built {@code MetricFamilySamples}, and building one of a counter copies all its samples (the
 * 600,000 of {@code tcpshake_checks_total} at 100,000 targets), which a scrape would then hold.
 */
final class TargetFamilyText {
    private TargetFamilyText() {
    }

    /**
     * @param names the sample names to write (the {@code name[]} parameters), or null for all; with names, a
     *        family none of whose samples has one is left out, as simpleclient's registry leaves it out
     */
    static void write(Writer out, boolean openMetrics, TargetFamily family, Target[] targets,
            Predicate<String> names) throws IOException {
        TargetSample sample = new TargetSample();
        if (names != null && !hasSampleNamed(family, names, sample)) {
            return;
        }
        if (openMetrics) {
            openMetricsHeader(out, family);
        } else {
            header004(out, family);
        }
        for (int i = 0; i < family.size; i++) {
            family.samples.fill(i, sample);
            if (names == null || names.test(sample.name)) {
                line(out, openMetrics, sample, targets[sample.target]);
            }
        }
    }

    private static boolean hasSampleNamed(TargetFamily family, Predicate<String> names, TargetSample sample) {
        for (int i = 0; i < family.size; i++) {
            family.samples.fill(i, sample);
            if (names.test(sample.name)) {
                return true;
            }
        }
        return false;
    }

    private static void header004(Writer out, TargetFamily family) throws IOException {
        String name = family.type == Collector.Type.COUNTER ? family.name + "_total" : family.name;
        out.write("# HELP ");
        out.write(name);
        out.write(' ');
        for (int i = 0; i < family.help.length(); i++) {
            char c = family.help.charAt(i);
            if (c == '\\') {
                out.write("\\\\");
            } else if (c == '\n') {
                out.write("\\n");
            } else {
                out.write(c);
            }
        }
        out.write("\n# TYPE ");
        out.write(name);
        out.write(' ');
        out.write(typeName(family.type));
        out.write('\n');
    }

    private static void openMetricsHeader(Writer out, TargetFamily family) throws IOException {
        out.write("# TYPE ");
        out.write(family.name);
        out.write(' ');
        out.write(typeName(family.type));
        out.write('\n');
        if (!family.unit.isEmpty()) {
            out.write("# UNIT ");
            out.write(family.name);
            out.write(' ');
            out.write(family.unit);
            out.write('\n');
        }
        out.write("# HELP ");
        out.write(family.name);
        out.write(' ');
        escaped(out, family.help);
        out.write('\n');
    }

    /** The per-target types' names, the same in both formats. */
    private static String typeName(Collector.Type type) {
        switch (type) {
            case COUNTER:
                return "counter";
            case HISTOGRAM:
                return "histogram";
            default:
                return "gauge";
        }
    }

    /** The sample: the target's labels as {@link TargetLabels} orders them, then the sample's own. */
    private static void line(Writer out, boolean openMetrics, TargetSample sample, Target target) throws IOException {
        out.write(sample.name);
        out.write("{target=\"");
        escaped(out, target.name());
        out.write("\",");
        out.write("source=\"");
        escaped(out, target.source().label());
        for (Map.Entry<String, String> label : target.labels().entrySet()) {
            if (LabelNames.isValid(label.getKey())) {
                out.write("\",");
                out.write(label.getKey());
                out.write("=\"");
                escaped(out, label.getValue());
            }
        }
        if (sample.labelName != null) {
            out.write("\",");
            out.write(sample.labelName);
            out.write("=\"");
            escaped(out, sample.labelValue);
        }
        // 0.0.4 ends every label with a comma ({a="1",}), OpenMetrics only separates them ({a="1"}).
        out.write(openMetrics ? "\"} " : "\",} ");
        out.write(Collector.doubleToGoString(sample.value));
        out.write('\n');
    }

    /** A label value (and OpenMetrics' help) as simpleclient escapes it: backslash, double quote, newline. */
    private static void escaped(Writer out, String text) throws IOException {
        int i = 0;
        while (i < text.length() && text.charAt(i) != '\\' && text.charAt(i) != '"' && text.charAt(i) != '\n') {
            i++;
        }
        out.write(text, 0, i);
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                out.write("\\\\");
            } else if (c == '"') {
                out.write("\\\"");
            } else if (c == '\n') {
                out.write("\\n");
            } else {
                out.write(c);
            }
        }
    }
}
