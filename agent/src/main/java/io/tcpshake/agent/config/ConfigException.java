package io.tcpshake.agent.config;

import java.util.List;

/**
 * A configuration that cannot be used, with every error found, each {@code file:line:column: what is wrong}
 * (or {@code agent option 'k=v': ...}). The message is the errors joined by newlines.
 */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private final List<String> errors;

    public ConfigException(List<String> errors) {
        super(String.join("\n", errors));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one error");
        }
        this.errors = List.copyOf(errors);
    }

    /** Every error, in the order they appear in the file; agent option errors first. */
    public List<String> errors() {
        return errors;
    }
}
