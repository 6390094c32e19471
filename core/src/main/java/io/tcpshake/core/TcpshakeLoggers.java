package io.tcpshake.core;

import java.lang.System.Logger;
import java.util.Objects;
import java.util.ResourceBundle;
import java.util.function.Function;

/**
 * The loggers of tcpshake's own code (core, jmx, exporter). By default each one is
 * {@code System.getLogger(name)}. A host that must hold messages back while the application's logging starts
 * (the agent: Spring Boot drops what arrives before it has read its configuration) sends them all elsewhere
 * with {@link #route(Function)}, which also redirects the loggers handed out before.
 */
public final class TcpshakeLoggers {
    private static volatile Function<String, Logger> route = System::getLogger;

    private TcpshakeLoggers() {
    }

    /** The logger {@code name}, following the current {@linkplain #route(Function) route} on every call. */
    public static Logger get(String name) {
        return new Routed(Objects.requireNonNull(name, "name"));
    }

    /**
     * Sends every tcpshake logger's records to {@code to.apply(name)} from now on. Affects the copy of
     * tcpshake in this class loader only.
     */
    public static void route(Function<String, Logger> to) {
        route = Objects.requireNonNull(to, "to");
    }

    /** A logger that asks the route for its target, and keeps it until the route changes. */
    private static final class Routed implements Logger {
        private final String name;
        private volatile Resolved resolved;

        Routed(String name) {
            this.name = name;
        }

        private Logger target() {
            Function<String, Logger> now = route;
            Resolved seen = resolved;
            if (seen == null || seen.route != now) {
                seen = new Resolved(now, now.apply(name));
                resolved = seen;
            }
            return seen.logger;
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public boolean isLoggable(Level level) {
            return target().isLoggable(level);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
            target().log(level, bundle, message, thrown);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            target().log(level, bundle, format, params);
        }
    }

    private static final class Resolved {
        final Function<String, Logger> route;
        final Logger logger;

        Resolved(Function<String, Logger> route, Logger logger) {
            this.route = route;
            this.logger = logger;
        }
    }
}
