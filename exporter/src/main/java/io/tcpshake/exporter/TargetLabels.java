package io.tcpshake.exporter;

import io.tcpshake.core.monitor.Target;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The labels of one target's series: {@code target} then its user labels in their configured order. A
 * user label with a name Prometheus cannot carry (see {@link LabelNames}) is left out rather than breaking
 * the whole scrape; the agent's config loader rejects such names before they get here.
 */
final class TargetLabels {
    private final List<String> names;
    private final List<String> values;

    private TargetLabels(List<String> names, List<String> values) {
        this.names = names;
        this.values = values;
    }

    static TargetLabels of(Target target) {
        Map<String, String> user = target.labels();
        List<String> names = new ArrayList<>(user.size() + 1);
        List<String> values = new ArrayList<>(user.size() + 1);
        names.add("target");
        values.add(target.name());
        for (Map.Entry<String, String> label : user.entrySet()) {
            if (LabelNames.isValid(label.getKey())) {
                names.add(label.getKey());
                values.add(label.getValue());
            }
        }
        return new TargetLabels(Collections.unmodifiableList(names), Collections.unmodifiableList(values));
    }

    List<String> names() {
        return names;
    }

    List<String> values() {
        return values;
    }

    /** These names plus {@code extra} last ({@code outcome}, {@code le}); build once per target. */
    List<String> namesPlus(String extra) {
        String[] all = names.toArray(new String[names.size() + 1]);
        all[names.size()] = extra;
        return Arrays.asList(all);
    }

    /** These values plus {@code extra} last. */
    List<String> valuesPlus(String extra) {
        String[] all = values.toArray(new String[values.size() + 1]);
        all[values.size()] = extra;
        return Arrays.asList(all);
    }
}
