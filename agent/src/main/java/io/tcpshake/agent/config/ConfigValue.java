package io.tcpshake.agent.config;

/** One scalar setting as text (environment variables already substituted) and where it was written. */
final class ConfigValue {
    private final String key;
    private final String text;
    private final Location location;
    private final boolean fromFile;

    ConfigValue(String key, String text, Location location, boolean fromFile) {
        this.key = key;
        this.text = text;
        this.location = location;
        this.fromFile = fromFile;
    }

    /** The key it was given under, for messages: {@code port}, {@code interval}. */
    String key() {
        return key;
    }

    String text() {
        return text;
    }

    Location location() {
        return location;
    }

    /** False for an agent option; relative paths are resolved against the file's directory only when true. */
    boolean fromFile() {
        return fromFile;
    }
}
