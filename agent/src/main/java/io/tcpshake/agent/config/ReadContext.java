package io.tcpshake.agent.config;

import java.util.Map;
import org.snakeyaml.engine.v2.nodes.Node;

/** What every part of one read shares: the source name, the error list, the environment and the overrides. */
final class ReadContext {
    private final String source;
    private final Problems problems;
    private final Map<String, String> environment;
    private final Map<String, ConfigValue> overrides;
    /** Characters environment variables may still add to the file's values (see {@link #expandedBy}). */
    private long expansionLeft = ConfigLoader.MAX_CHARACTERS;

    ReadContext(String source, Problems problems, Map<String, String> environment,
            Map<String, ConfigValue> overrides) {
        this.source = source;
        this.problems = problems;
        this.environment = environment;
        this.overrides = overrides;
    }

    String source() {
        return source;
    }

    Location locate(Node node) {
        return YamlPosition.of(source, node);
    }

    void error(Location where, String message) {
        problems.add(where, message);
    }

    Map<String, String> environment() {
        return environment;
    }

    /**
     * Counts {@code characters} that a substitution added to a value; false once they add up to more than the
     * file may hold, so that a variable referenced in every value cannot make the file a thousand times larger.
     */
    boolean expandedBy(int characters) {
        if (characters <= 0) {
            return true;
        }
        expansionLeft -= characters;
        return expansionLeft >= 0;
    }

    /** The agent option overriding the setting at dotted {@code path} ({@code exporter.port}), or null. */
    ConfigValue override(String path) {
        return overrides.get(path);
    }

    /** Whether some agent option sets a key inside the block at {@code path}. */
    boolean overridesInside(String path) {
        String prefix = path + ".";
        return overrides.keySet().stream().anyMatch(k -> k.startsWith(prefix));
    }
}
