package io.tcpshake.agent;

import java.lang.System.Logger.Level;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The agent's messages, one record per event, through {@code System.Logger}: java.util.logging unless the
 * application routes it elsewhere (Spring Boot: into Logback), so each line comes in the application's own
 * format. Loggers: {@value #AGENT}, and {@value #STATE} for state changes.
 *
 * <p>Frameworks that take java.util.logging over drop whatever arrives before they are configured (Spring
 * Boot suppresses every record from its first logging call until it has read its configuration). Where
 * the application may do that, records are held in memory from the agent's start and written, in order and
 * each with the time it happened, when {@link #release()} is called: once the JVM has run long enough for
 * the application's logging to be up, and at the latest when the JVM exits.
 */
final class AgentLog {
    /** The agent's logger: start-up, reloads, outputs. */
    static final String AGENT = "io.tcpshake.agent";
    /** State changes, a logger of their own to route (e.g. to an alerts file) or silence apart. */
    static final String STATE = "io.tcpshake.agent.state";
    /** Records kept while holding: start-up and a few hundred targets' first states. */
    static final int MAX_HELD = 1000;
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    /** Where records go: {@code System.Logger} in a host JVM; tests collect them. */
    interface Sink {
        void log(String logger, Level level, String message, Throwable thrown);
    }

    /** Every record to {@code System.getLogger(logger)}. */
    static final Sink SYSTEM_LOGGER = (logger, level, message, thrown) -> {
        if (thrown == null) {
            System.getLogger(logger).log(level, message);
        } else {
            System.getLogger(logger).log(level, message, thrown);
        }
    };

    private final Sink sink;
    /** Guarded by this; null when records go straight through. */
    private List<Held> held;
    private int dropped;

    private AgentLog(Sink sink, boolean hold) {
        this.sink = sink;
        this.held = hold ? new ArrayList<>() : null;
    }

    /** Records go straight to {@code sink}. */
    static AgentLog direct(Sink sink) {
        return new AgentLog(sink, false);
    }

    /** Records are held until {@link #release()}. */
    static AgentLog holding(Sink sink) {
        return new AgentLog(sink, true);
    }

    void info(String message) {
        log(AGENT, Level.INFO, message, null);
    }

    void warning(String message) {
        log(AGENT, Level.WARNING, message, null);
    }

    void error(String message, Throwable thrown) {
        log(AGENT, Level.ERROR, message, thrown);
    }

    void log(String logger, Level level, String message, Throwable thrown) {
        synchronized (this) {
            if (held != null) {
                if (held.size() < MAX_HELD) {
                    held.add(new Held(logger, level, message, thrown, Instant.now()));
                } else {
                    dropped++;
                }
                return;
            }
        }
        sink.log(logger, level, message, thrown);
    }

    /** Whether records are being held. */
    synchronized boolean holding() {
        return held != null;
    }

    /**
     * Writes the held records in order, each with the time it happened; from then on records go straight
     * through. Records logged meanwhile wait, so that the order holds. Idempotent.
     */
    synchronized void release() {
        if (held == null) {
            return;
        }
        for (Held record : held) {
            sink.log(record.logger, record.level, record.message + " (at " + AT.format(record.at)
                    + ", held while the application started)", record.thrown);
        }
        if (dropped > 0) {
            sink.log(AGENT, Level.WARNING, "tcpshake: " + dropped + " more messages of the start-up were not kept"
                    + " (at most " + MAX_HELD + " are held)", null);
        }
        held = null;
    }

    private static final class Held {
        final String logger;
        final Level level;
        final String message;
        final Throwable thrown;
        final Instant at;

        Held(String logger, Level level, String message, Throwable thrown, Instant at) {
            this.logger = logger;
            this.level = level;
            this.message = message;
            this.thrown = thrown;
            this.at = at;
        }
    }
}
