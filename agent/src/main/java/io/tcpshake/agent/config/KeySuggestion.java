package io.tcpshake.agent.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Finds the allowed word a mistyped one was meant to be (Levenshtein distance), for "did you mean" hints. */
final class KeySuggestion {
    /** Names users bring from HAProxy and Kubernetes, which are too far from ours for the distance to find. */
    private static final Map<String, String> KNOWN_ELSEWHERE = Map.of(
            "inter", "interval",
            "period", "interval",
            "fastinter", "fast_interval",
            "downinter", "down_interval",
            "spread", "jitter",
            "initial_delay_seconds", "initial_delay",
            "successthreshold", "rise",
            "failurethreshold", "fall");

    private KeySuggestion() {
    }

    /** The closest of {@code allowed} to {@code typed}, when it is close enough to be a typo. */
    static Optional<String> closest(String typed, Collection<String> allowed) {
        String lower = typed.toLowerCase(Locale.ROOT);
        String known = KNOWN_ELSEWHERE.get(lower.replace("-", "").replace("_", ""));
        if (known != null && allowed.contains(known)) {
            return Optional.of(known);
        }
        // Two edits catch a dropped letter, a swapped pair, camelCase or a dash for an underscore; a word
        // shorter than that would match anything.
        int limit = Math.min(2, Math.max(1, typed.length() / 3));
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : allowed) {
            if (Math.abs(lower.length() - candidate.length()) > limit) {
                // Too far apart to be a typo; and the distance table of a megabyte-long key would be huge.
                continue;
            }
            int d = distance(lower, candidate);
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return bestDistance <= limit ? Optional.ofNullable(best) : Optional.empty();
    }

    /** Edits (insert, delete, replace, swap of neighbours) that turn {@code a} into {@code b}. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1));
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
