package io.tcpshake.exporter;

import io.tcpshake.core.monitor.Target;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The label lists of one target's series, as simpleclient's samples carry them: {@code target}, {@code source}
 * ({@code file} or {@code discovered}), then its user labels in their configured order. The series with one more
 * label ({@code outcome}, {@code le}, {@code state}) get views of these with it last. Built per target for one
 * {@link TcpshakeCollector#collect()} and dropped with it, so the exporter keeps nothing per target between
 * scrapes ({@code /metrics} writes the same labels in the same order without lists: {@link TargetFamilyText}).
 * A user label with a name Prometheus cannot carry (see {@link LabelNames}) is left out rather than
 * breaking the whole scrape; the agent's config loader rejects such names before they get here.
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
        List<String> names = new ArrayList<>(user.size() + 2);
        List<String> values = new ArrayList<>(user.size() + 2);
        names.add("target");
        values.add(target.name());
        names.add("source");
        values.add(target.source().label());
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

    /** The names with {@code name} last ({@code outcome}, {@code le}, {@code state}). */
    List<String> namesWith(String name) {
        return new Appended(names, name);
    }

    /** The values with {@code value} last, for {@link #namesWith}. */
    List<String> valuesWith(String value) {
        return new Appended(values, value);
    }

    private static final class Appended extends AbstractList<String> {
        private final List<String> list;
        private final String last;

        Appended(List<String> list, String last) {
            this.list = list;
            this.last = last;
        }

        @Override
        public String get(int index) {
            return index == list.size() ? last : list.get(index);
        }

        @Override
        public int size() {
            return list.size() + 1;
        }
    }
}
