package io.tcpshake.agent.config;

import io.tcpshake.core.InputText;
import java.util.Comparator;

/**
 * Where a configuration value came from: {@code targets.yaml:12:5} (1-based line and column) for the file,
 * or {@code agent option 'port=9465'} for an override, so every error message can point at it.
 */
public final class Location {
    /** Agent options first (they apply to the whole file), then file positions top to bottom. */
    static final Comparator<Location> READING_ORDER =
            Comparator.<Location>comparingInt(l -> l.line).thenComparingInt(l -> l.column);

    private final String text;
    private final int line;
    private final int column;

    private Location(String text, int line, int column) {
        this.text = text;
        this.line = line;
        this.column = column;
    }

    /** A place in a file; {@code line} and {@code column} are 1-based. */
    public static Location inFile(String source, int line, int column) {
        return new Location(source + ":" + line + ":" + column, line, column);
    }

    /** An agent option ({@code key=value}) that overrides the file. */
    public static Location agentOption(String key, String value) {
        return new Location("agent option " + InputText.quote(key + "=" + value), 0, 0);
    }

    /** {@code 12:5}, or the whole text for an agent option. */
    String lineColumn() {
        return line == 0 ? text : line + ":" + column;
    }

    @Override
    public String toString() {
        return text;
    }
}
