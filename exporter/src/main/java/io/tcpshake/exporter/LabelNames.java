package io.tcpshake.exporter;

import java.util.Set;

/**
 * Which user label names (targets.yaml {@code labels:}) the exporter can carry. The agent's config loader
 * calls {@link #validate} at load time, so a bad name is a config error with a line number rather than a
 * broken scrape.
 */
public final class LabelNames {
    /** Labels the exporter sets itself ({@code address} kept for per-address series). */
    public static final Set<String> OWN = Set.of("target", "source", "outcome", "le", "address");
    /** Labels Prometheus sets on every scraped series; a user label of that name would be renamed {@code exported_*}. */
    public static final Set<String> PROMETHEUS = Set.of("instance", "job");

    private LabelNames() {
    }

    /**
     * Checks one user label name.
     *
     * @return null when {@code name} can be a label of every per-target series, else what is wrong and
     *         what to do, e.g. {@code label name 'tier-1' is not a valid Prometheus label name: use
     *         letters, digits and '_', not starting with a digit}
     */
    public static String validate(String name) {
        if (name == null || name.isEmpty()) {
            return "label name is empty: use letters, digits and '_', e.g. tier";
        }
        if (!isValidSyntax(name)) {
            return "label name '" + name + "' is not a valid Prometheus label name: use letters, digits and '_',"
                    + " not starting with a digit";
        }
        if (name.startsWith("__")) {
            return "label name '" + name + "' starts with '__', which Prometheus reserves for internal use:"
                    + " choose a name without the leading underscores";
        }
        if (OWN.contains(name)) {
            return "label name '" + name + "' clashes with the exporter's own '" + name + "' label:"
                    + " choose another name, e.g. '" + name + "_name'";
        }
        if (PROMETHEUS.contains(name)) {
            return "label name '" + name + "' is set by Prometheus on every scraped series (yours would become"
                    + " 'exported_" + name + "'): choose another name, e.g. '" + name + "_name'";
        }
        return null;
    }

    /** Whether {@code name} passes {@link #validate}. */
    public static boolean isValid(String name) {
        return validate(name) == null;
    }

    private static boolean isValidSyntax(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
            boolean digit = c >= '0' && c <= '9';
            if (!letter && !(digit && i > 0)) {
                return false;
            }
        }
        return true;
    }
}
