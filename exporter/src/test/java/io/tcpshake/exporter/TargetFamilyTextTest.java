package io.tcpshake.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.prometheus.client.Collector;
import io.prometheus.client.Collector.MetricFamilySamples;
import io.prometheus.client.Predicate;
import io.prometheus.client.SampleNameFilter;
import io.prometheus.client.exporter.common.TextFormat;
import io.tcpshake.core.monitor.Target;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The per-target families' own writer gives the bytes simpleclient's TextFormat gives for the same family, in
 * both formats, on label values and numbers that need care: quotes, backslashes, newlines, UTF-8 beyond the
 * BMP, a lone surrogate, NaN, infinities, -0 and counts past 2^53.
 */
class TargetFamilyTextTest {
    private static final double[] ODD_VALUES = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0,
            0.0, 1.0, 0.1, 1e-300, 1.5e300, 123_456_789_012.0, (double) Long.MAX_VALUE, 9_007_199_254_740_993.0,
            Double.MIN_VALUE, -42.5};

    @ParameterizedTest
    @ValueSource(strings = {TextFormat.CONTENT_TYPE_004, TextFormat.CONTENT_TYPE_OPENMETRICS_100})
    void gaugeCounterAndHistogramOfOddLabelsAndValuesAreWrittenAsSimpleclientWritesThem(String contentType)
            throws IOException {
        Target[] targets = oddTargets();
        for (Collector.Type type : new Collector.Type[] {Collector.Type.GAUGE, Collector.Type.COUNTER,
                Collector.Type.HISTOGRAM}) {
            TargetFamily family = family(type, targets);
            assertEquals(simpleclient(contentType, family, targets, null), ours(contentType, family, targets, null),
                    type + " in " + contentType);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {TextFormat.CONTENT_TYPE_004, TextFormat.CONTENT_TYPE_OPENMETRICS_100})
    void nameFilterKeepsAndLeavesOutWhatSimpleclientsFilterDoes(String contentType) throws IOException {
        Target[] targets = oddTargets();
        TargetFamily histogram = family(Collector.Type.HISTOGRAM, targets);
        TargetFamily empty = new TargetFamily("odd_empty", "", Collector.Type.GAUGE, "None.", 0, (i, s) -> { });
        for (Set<String> names : List.of(Set.of("odd_seconds_count"), Set.of("odd_seconds_bucket", "odd_seconds_sum"),
                Set.of("other"), Set.of("odd_empty"))) {
            Predicate<String> filter = SampleNameFilter.restrictToNamesEqualTo(null, names);
            for (TargetFamily family : List.of(histogram, empty)) {
                assertEquals(simpleclient(contentType, family, targets, filter),
                        ours(contentType, family, targets, filter), family.name + " filtered to " + names);
            }
        }
        assertEquals(simpleclient(contentType, empty, targets, null), ours(contentType, empty, targets, null),
                "a family without samples, unfiltered: its header alone");
    }

    /** Targets whose names and labels need escaping, including a label name Prometheus cannot carry. */
    private static Target[] oddTargets() {
        String[] names = {"plain", "quote \" and \\ backslash", "line\nbreak", "ünïcödé ✓ 😀 \"😀\"",
                "lone \ud800 surrogate", "", "\\\\n not a newline", "trailing\\"};
        Target[] targets = new Target[names.length];
        for (int i = 0; i < names.length; i++) {
            Target.Builder builder = Target.builder("127.0.0.1", 1000 + i).name("t" + i + names[i]);
            if (i % 2 == 0) {
                builder.label("team", names[names.length - 1 - i]).label("zone", "a\"b\\c\nd");
            }
            if (i == 3) {
                builder.label("__reserved", "left out").label("ok_name", "é");
            }
            targets[i] = builder.build();
        }
        return targets;
    }

    /** A family of the given type whose values run through {@link #ODD_VALUES}; a label of its own on some. */
    private static TargetFamily family(Collector.Type type, Target[] targets) {
        int perTarget = 3;
        String name = type == Collector.Type.HISTOGRAM ? "odd_seconds" : "odd";
        String unit = type == Collector.Type.HISTOGRAM ? "seconds" : "";
        return new TargetFamily(name, unit, type, "Help with \\ backslash, \"quotes\" and a\nnewline.",
                targets.length * perTarget, (i, s) -> {
                    double value = ODD_VALUES[i % ODD_VALUES.length];
                    int target = i / perTarget;
                    switch (type) {
                        case HISTOGRAM:
                            String[] parts = {"_bucket", "_count", "_sum"};
                            if (i % perTarget == 0) {
                                s.set(target, name + "_bucket", "le", "+Inf", value);
                            } else {
                                s.set(target, name + parts[i % perTarget], value);
                            }
                            break;
                        case COUNTER:
                            s.set(target, name + "_total", "outcome", "a\"\\\n😀" + i, value);
                            break;
                        default:
                            s.set(target, name, value);
                    }
                });
    }

    private static String ours(String contentType, TargetFamily family, Target[] targets,
            Predicate<String> filter) throws IOException {
        TextBuffer text = new TextBuffer(256);
        boolean openMetrics = TextFormat.CONTENT_TYPE_OPENMETRICS_100.equals(contentType);
        TargetFamilyText.write(text, openMetrics, family, targets, filter);
        if (openMetrics) {
            text.write("# EOF\n"); // what simpleclient's writer ends with, after every family
        }
        text.close();
        return new String(text.toByteArray(), StandardCharsets.UTF_8);
    }

    private static String simpleclient(String contentType, TargetFamily family, Target[] targets,
            Predicate<String> filter) throws IOException {
        MetricFamilySamples samples = family.toMetricFamilySamples(targets, new TargetLabels[targets.length]);
        MetricFamilySamples kept = filter == null ? samples : samples.filter(filter);
        TextBuffer text = new TextBuffer(256);
        TextFormat.writeFormat(contentType, text,
                Collections.enumeration(kept == null ? List.of() : List.of(kept)));
        text.close();
        return new String(text.toByteArray(), StandardCharsets.UTF_8);
    }
}
