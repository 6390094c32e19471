package io.tcpshake.exporter;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which user label names (targets.yaml {@code labels:}, {@code Target.Builder.label}) the exporter can carry:
 * Prometheus label names that clash with none of its own. The agent's config loader asks {@link #problem} at
 * load time, so a bad name is a configuration error with its line and column rather than a failed scrape;
 * the collector leaves out a name that got past it ({@link #isValid}).
 */
public final class LabelNames {
    /**
     * Names tcpshake's own series or Prometheus' target labels use: a user label of the same name would
     * clash with them ({@code target}, {@code source}, {@code outcome}, {@code address}) or be overwritten at scrape time
     * ({@code instance}, {@code job}); {@code le} belongs to histogram buckets.
     */
    public static final List<String> RESERVED = List.of("target", "source", "outcome", "address", "le", "instance",
            "job");

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private LabelNames() {
    }

    /** What is wrong with {@code name} as a user label name, and what to do; empty when it is fine. */
    public static Optional<String> problem(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            return Optional.of("label name '" + name + "' is not a Prometheus label name: use letters, digits "
                    + "and _, not starting with a digit");
        }
        if (name.startsWith("__")) {
            return Optional.of("label name '" + name + "' starts with __, which Prometheus reserves for itself");
        }
        if (RESERVED.contains(name)) {
            return Optional.of("label name '" + name + "' is used by tcpshake or Prometheus ("
                    + String.join(", ", RESERVED) + "): choose another name");
        }
        return Optional.empty();
    }

    /** Whether {@code name} can be a label of every per-target series ({@link #problem} finds nothing). */
    public static boolean isValid(String name) {
        return problem(name).isEmpty();
    }
}
