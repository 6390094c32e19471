package io.tcpshake.core.config;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of the latest configuration load or reload: which file, when, whether it was applied, and
 * the errors that kept it from being applied (the last good configuration then keeps running).
 */
public final class ReloadStatus {
    private final String configFile;
    private final Instant at;
    private final boolean success;
    private final List<String> errors;

    public ReloadStatus(String configFile, Instant at, boolean success, List<String> errors) {
        this.configFile = Objects.requireNonNull(configFile, "configFile");
        this.at = Objects.requireNonNull(at, "at");
        this.success = success;
        this.errors = List.copyOf(errors);
    }

    /** The configuration file's path as given. */
    public String configFile() {
        return configFile;
    }

    /** When the load was attempted. */
    public Instant at() {
        return at;
    }

    /** Whether the configuration was valid and applied. */
    public boolean success() {
        return success;
    }

    /** Every error found, each {@code file:line:column: what}; empty on success. */
    public List<String> errors() {
        return errors;
    }

    /** {@code applied} or the errors joined by newlines. */
    public String summary() {
        return success ? "applied" : String.join("\n", errors);
    }

    @Override
    public String toString() {
        return configFile + " at " + at + ": " + summary();
    }
}
