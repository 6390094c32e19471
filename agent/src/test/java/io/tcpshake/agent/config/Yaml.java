package io.tcpshake.agent.config;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

/** Test helpers: documents written line by line, and the errors a document produces. */
final class Yaml {
    private Yaml() {
    }

    static String lines(String... lines) {
        return String.join("\n", lines) + "\n";
    }

    static AgentConfig parse(String text) throws ConfigException {
        return ConfigLoader.parse(text, "targets.yaml", Map.of(), Map.of());
    }

    static List<String> errors(String text) {
        return errors(text, Map.of(), Map.of());
    }

    static List<String> errors(String text, Map<String, String> overrides, Map<String, String> environment) {
        return assertThrows(ConfigException.class,
                () -> ConfigLoader.parse(text, "targets.yaml", overrides, environment)).errors();
    }
}
