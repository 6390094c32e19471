package io.tcpshake.agent.config;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks user label names from targets.yaml as Prometheus label names, at load time, so a bad name is a
 * configuration error with its line and column rather than a failed scrape.
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

    /** What is wrong with {@code name} as a user label name, or empty when it is fine. */
    public static Optional<String> problem(String name) {
        if (!NAME.matcher(name).matches()) {
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
}
