package io.tcpshake.agent;

import java.lang.System.Logger;
import java.text.MessageFormat;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * A logger of tcpshake's own code (core, jmx, exporter: {@link io.tcpshake.core.TcpshakeLoggers}) inside the
 * agent: each record goes through {@link AgentLog}, held with the agent's own while the application's logging
 * starts, under its own logger name ({@code io.tcpshake.jmx}, ...). Whether a level is logged is the
 * application's logger's answer.
 */
final class AgentLogger implements Logger {
    private final String name;
    private final AgentLog log;

    AgentLogger(String name, AgentLog log) {
        this.name = name;
        this.log = log;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public boolean isLoggable(Level level) {
        return System.getLogger(name).isLoggable(level);
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
        if (isLoggable(level)) {
            log.log(name, level, localized(bundle, message), thrown);
        }
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        if (isLoggable(level)) {
            String text = localized(bundle, format);
            log.log(name, level, params == null || params.length == 0 ? text : MessageFormat.format(text, params), null);
        }
    }

    private static String localized(ResourceBundle bundle, String key) {
        if (bundle == null || key == null) {
            return key;
        }
        try {
            return bundle.getString(key);
        } catch (MissingResourceException e) {
            return key;
        }
    }
}
