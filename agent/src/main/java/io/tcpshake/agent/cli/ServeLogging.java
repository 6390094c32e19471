package io.tcpshake.agent.cli;

import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Logging of {@code tcpshake serve}, whose process is its own: every record one line on stderr,
 * {@code 2026-12-06T08:15:02.123Z INFO tcpshake: ...}, as a log collector reading a container's output
 * expects (the JDK's default takes two lines per record).
 */
final class ServeLogging {
    private static final Logger ROOT = Logger.getLogger("");
    private static final Logger TCPSHAKE = Logger.getLogger("io.tcpshake");

    private ServeLogging() {
    }

    static void toConsole() {
        for (Handler handler : ROOT.getHandlers()) {
            ROOT.removeHandler(handler);
        }
        ConsoleHandler console = new ConsoleHandler();
        console.setLevel(Level.ALL);
        console.setFormatter(new OneLine());
        ROOT.addHandler(console);
        TCPSHAKE.setLevel(Level.INFO);
        // Cli quiets the library's engine line for the one-shot commands; a long-running process shows it.
        Logger.getLogger("io.tcpshake.core").setLevel(Level.INFO);
    }

    private static final class OneLine extends Formatter {
        @Override
        public String format(LogRecord record) {
            StringBuilder line = new StringBuilder(128).append(record.getInstant()).append(' ')
                    .append(record.getLevel().getName()).append(' ').append(formatMessage(record)).append('\n');
            if (record.getThrown() != null) {
                java.io.StringWriter trace = new java.io.StringWriter();
                record.getThrown().printStackTrace(new java.io.PrintWriter(trace));
                line.append(trace);
            }
            return line.toString();
        }
    }
}
