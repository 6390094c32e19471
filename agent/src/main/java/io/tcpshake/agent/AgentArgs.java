package io.tcpshake.agent;

import io.tcpshake.agent.config.ConfigDuration;
import io.tcpshake.core.InputText;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The agent's argument, jmx_exporter style: {@code -javaagent:tcpshake.jar=targets.yaml[,key=value...]}. The
 * first item without {@code =} is the targets file; every {@code key=value} overrides that key of the file
 * (e.g. {@code port=9465}). The file may also come from {@code -Dtcpshake.config=...}; the argument wins.
 * A file name cannot contain a comma.
 *
 * <p>Two options are the agent's own, not keys of the file: {@code main=PATTERN}, which the bootstrap reads to
 * start only in the intended application, and {@code log_hold=DURATION}, how long into the JVM's life the
 * agent holds its messages back while the application's logging starts (see {@link AgentLog}).
 */
public final class AgentArgs {
    /** The system property naming the targets file when the agent argument does not. Read, never set. */
    public static final String CONFIG_PROPERTY = "tcpshake.config";
    /** Read by the bootstrap (io.tcpshake.bootstrap.MainFilter) before anything else; nothing to do here. */
    static final String MAIN_OPTION = "main";
    static final String LOG_HOLD_OPTION = "log_hold";

    private final String file;
    private final Map<String, String> overrides;
    private final Duration logHold;

    private AgentArgs(String file, Map<String, String> overrides, Duration logHold) {
        this.file = file;
        this.overrides = Collections.unmodifiableMap(overrides);
        this.logHold = logHold;
    }

    /**
     * Parses the text after {@code tcpshake.jar=}; null or blank means nothing given.
     *
     * @throws IllegalArgumentException naming the item that is wrong and the expected form
     */
    public static AgentArgs parse(String args) {
        String file = null;
        Map<String, String> overrides = new LinkedHashMap<>();
        Duration logHold = null;
        if (args != null) {
            for (String raw : args.split(",", -1)) {
                String item = raw.trim();
                if (item.isEmpty()) {
                    continue;
                }
                int eq = item.indexOf('=');
                if (eq < 0) {
                    if (file != null) {
                        throw new IllegalArgumentException("agent argument " + InputText.quote(args) + " names two "
                                + "targets files (" + InputText.quote(file) + " and " + InputText.quote(item)
                                + "): expected targets.yaml[,key=value...]");
                    }
                    file = item;
                    continue;
                }
                String key = item.substring(0, eq).trim();
                String value = item.substring(eq + 1).trim();
                if (key.isEmpty()) {
                    throw new IllegalArgumentException("agent option " + InputText.quote(item) + " has no key: "
                            + "expected key=value, e.g. targets.yaml,port=9465");
                }
                if (value.isEmpty()) {
                    throw new IllegalArgumentException("agent option " + InputText.quote(key) + " has no value: "
                            + "expected key=value, e.g. targets.yaml,port=9465");
                }
                if (overrides.put(key, value) != null) {
                    throw new IllegalArgumentException("agent option " + InputText.quote(key) + " is given twice in "
                            + InputText.quote(args));
                }
            }
            overrides.remove(MAIN_OPTION);
            String hold = overrides.remove(LOG_HOLD_OPTION);
            if (hold != null) {
                logHold = logHold(hold);
            }
        }
        return new AgentArgs(file, overrides, logHold);
    }

    private static Duration logHold(String value) {
        try {
            return ConfigDuration.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("agent option " + InputText.quote(LOG_HOLD_OPTION + "=" + value)
                    + ": " + e.getMessage() + " (0 = log at once)");
        }
    }

    /** The targets file of the argument, else {@code fallback} (the system property's value) when not blank. */
    public AgentArgs orFile(String fallback) {
        if (file != null || fallback == null || fallback.trim().isEmpty()) {
            return this;
        }
        return new AgentArgs(fallback.trim(), new LinkedHashMap<>(overrides), logHold);
    }

    /** The targets file, empty when neither the argument nor the property names one. */
    public Optional<String> file() {
        return Optional.ofNullable(file);
    }

    /** {@code key=value} options in the order given, which override the file's values. */
    public Map<String, String> overrides() {
        return overrides;
    }

    /** {@code log_hold=...}: how long into the JVM's life messages are held; empty for the agent's default. */
    public Optional<Duration> logHold() {
        return Optional.ofNullable(logHold);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AgentArgs && Objects.equals(file, ((AgentArgs) o).file)
                && overrides.equals(((AgentArgs) o).overrides) && Objects.equals(logHold, ((AgentArgs) o).logHold);
    }

    @Override
    public int hashCode() {
        return Objects.hash(file, overrides, logHold);
    }

    @Override
    public String toString() {
        return "file=" + file + " overrides=" + overrides + " logHold=" + logHold;
    }
}
