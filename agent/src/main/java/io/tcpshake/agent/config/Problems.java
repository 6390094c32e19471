package io.tcpshake.agent.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Collects errors while a configuration is read, so all of them are reported at once, in file order. */
final class Problems {
    private final List<Problem> problems = new ArrayList<>();

    void add(Location where, String message) {
        Problem p = new Problem(where, message);
        // A mistake in a merged anchor would otherwise be reported once per mapping that merges it.
        if (!problems.contains(p)) {
            problems.add(p);
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
