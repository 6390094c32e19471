package io.tcpshake.exporter;

import io.tcpshake.core.CheckResult;
import io.tcpshake.core.monitor.TargetSnapshot;
import io.tcpshake.core.monitor.TargetState;
import java.io.UnsupportedEncodingException;
import java.net.URLDecoder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code q} parameter of the status page and {@code /status.json}: words that must all appear,
 * case-insensitively, in a target's name, address, state, last outcome or one of its {@code key=value}
 * labels. {@code q=down tier=db} keeps the DOWN targets labelled {@code tier=db}.
 */
final class TargetFilter {
    /** DOWN first (what a person opened the page for), then UNKNOWN, then UP; configuration order within. */
    static final Comparator<TargetSnapshot> WORST_FIRST = Comparator.comparingInt(TargetFilter::rank);

    private final String text;
    private final String[] words;

    private TargetFilter(String text) {
        this.text = text;
        String trimmed = text.trim().toLowerCase(Locale.ROOT);
        this.words = trimmed.isEmpty() ? new String[0] : trimmed.split("\\s+");
    }

    /** The filter a request's raw query asks for; empty when it has no {@code q}. */
    static TargetFilter fromQuery(String rawQuery) {
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                if (pair.startsWith("q=")) {
                    try {
                        return new TargetFilter(URLDecoder.decode(pair.substring(2), "UTF-8"));
                    } catch (UnsupportedEncodingException | IllegalArgumentException e) {
                        return new TargetFilter(pair.substring(2)); // a malformed %-escape: match it as typed
                    }
                }
            }
        }
        return new TargetFilter("");
    }

    /** The words as typed, for the filter box. */
    String text() {
        return text;
    }

    boolean isEmpty() {
        return words.length == 0;
    }

    List<TargetSnapshot> select(List<TargetSnapshot> targets) {
        if (isEmpty()) {
            return targets;
        }
        List<TargetSnapshot> selected = new ArrayList<>();
        for (TargetSnapshot target : targets) {
            if (matches(target)) {
                selected.add(target);
            }
        }
        return selected;
    }

    private boolean matches(TargetSnapshot target) {
        StringBuilder haystack = new StringBuilder(128).append(target.name()).append(' ')
                .append(target.target().endpoint()).append(' ').append(target.state());
        CheckResult last = target.lastResult();
        if (last != null) {
            haystack.append(' ').append(last.outcome().label()).append(' ').append(last.errnoName());
        }
        for (Map.Entry<String, String> label : target.target().labels().entrySet()) {
            haystack.append(' ').append(label.getKey()).append('=').append(label.getValue());
        }
        String lower = haystack.toString().toLowerCase(Locale.ROOT);
        for (String word : words) {
            if (!lower.contains(word)) {
                return false;
            }
        }
        return true;
    }

    private static int rank(TargetSnapshot target) {
        return target.state() == TargetState.DOWN ? 0 : target.state() == TargetState.UNKNOWN ? 1 : 2;
    }
}
