package io.tcpshake.exporter;

import io.tcpshake.core.monitor.Target;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The label lists of one target's series, built once per target and reused by every scrape: {@code target}
 * then its user labels in their configured order, and the same with {@code outcome}, {@code le} or
 * {@code state} last.
 * A user label with a name Prometheus cannot carry (see {@link LabelNames}) is left out rather than
 * breaking the whole scrape; the agent's config loader rejects such names before they get here.
 */
final class TargetLabels {
    private final List<String> names;
    private final List<String> values;
    private final List<String> outcomeNames;
    private final List<List<String>> outcomeValues;
    private final List<String> bucketNames;
    private final List<List<String>> bucketValues;
    private final List<String> stateNames;
    private final List<List<String>> stateValues;

    private TargetLabels(List<String> names, List<String> values, String[] outcomes, String[] buckets,
            String[] states) {
        this.names = names;
        this.values = values;
        this.outcomeNames = plus(names, "outcome");
        this.outcomeValues = each(values, outcomes);
        this.bucketNames = plus(names, "le");
        this.bucketValues = each(values, buckets);
        this.stateNames = plus(names, "state");
        this.stateValues = each(values, states);
    }

    /**
     * @param outcomes the {@code outcome} label values, in the order {@link #outcomeValues(int)} is asked
     * @param buckets the {@code le} label values, +Inf included, in the order {@link #bucketValues(int)} is asked
     * @param states the {@code state} label values, in the order {@link #stateValues(int)} is asked
     */
    static TargetLabels of(Target target, String[] outcomes, String[] buckets, String[] states) {
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
        return new TargetLabels(Collections.unmodifiableList(names), Collections.unmodifiableList(values),
                outcomes, buckets, states);
    }

    List<String> names() {
        return names;
    }

    List<String> values() {
        return values;
    }

    List<String> outcomeNames() {
        return outcomeNames;
    }

    List<String> outcomeValues(int outcome) {
        return outcomeValues.get(outcome);
    }

    List<String> bucketNames() {
        return bucketNames;
    }

    List<String> bucketValues(int bucket) {
        return bucketValues.get(bucket);
    }

    List<String> stateNames() {
        return stateNames;
    }

    List<String> stateValues(int state) {
        return stateValues.get(state);
    }

    private static List<String> plus(List<String> list, String extra) {
        String[] all = list.toArray(new String[list.size() + 1]);
        all[list.size()] = extra;
        return Collections.unmodifiableList(Arrays.asList(all));
    }

    private static List<List<String>> each(List<String> values, String[] extras) {
        List<List<String>> lists = new ArrayList<>(extras.length);
        for (String extra : extras) {
            lists.add(plus(values, extra));
        }
        return lists;
    }
}
