package io.tcpshake.agent.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Collects errors while a configuration is read, so all of them are reported at once, in file order. At most
 * {@link #MAX_REPORTED} are kept: a generated file with the same mistake in each of its 100,000 lines gets
 * the first ones and a count, not a message of tens of megabytes.
 */
final class Problems {
    static final int MAX_REPORTED = 100;

    private final String source;
    private final Set<Problem> problems = new LinkedHashSet<>();
    private int more;

    /** Errors in {@code source}, the file as the messages name it. */
    Problems(String source) {
        this.source = source;
    }

    void add(Location where, String message) {
        Problem p = new Problem(where, message);
        // A mistake in a merged anchor would otherwise be reported once per mapping that merges it.
        if (problems.size() < MAX_REPORTED) {
            problems.add(p);
        } else if (!problems.contains(p)) {
            more++;
        }
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    void throwIfAny() throws ConfigException {
        if (problems.isEmpty()) {
            return;
        }
        List<Problem> sorted = new ArrayList<>(problems);
        sorted.sort((a, b) -> Location.READING_ORDER.compare(a.where, b.where));
        List<String> errors = new ArrayList<>();
        for (Problem p : sorted) {
            errors.add(p.where + ": " + p.message);
        }
        if (more > 0) {
            errors.add(source + ": " + more + " more errors not shown: fix the ones above first");
        }
        throw new ConfigException(errors);
    }

    private static final class Problem {
        final Location where;
        final String message;

        Problem(Location where, String message) {
            this.where = where;
            this.message = message;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Problem && ((Problem) o).where.toString().equals(where.toString())
                    && ((Problem) o).message.equals(message);
        }

        @Override
        public int hashCode() {
            return Objects.hash(where.toString(), message);
        }
    }
}
