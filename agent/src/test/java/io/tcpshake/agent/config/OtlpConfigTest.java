package io.tcpshake.agent.config;

import static io.tcpshake.agent.config.Yaml.errors;
import static io.tcpshake.agent.config.Yaml.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tcpshake.otlp.OtlpSettings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The otlp block: what turns it on, the file over the OTEL_* variables, and the errors a user sees. */
class OtlpConfigTest {
    private static final Map<String, String> HOST_APP_ENV = Map.of(
            "OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318",
            "OTEL_EXPORTER_OTLP_HEADERS", "api-key=from-env",
            "OTEL_SERVICE_NAME", "checkout");

    @Test
    void theVariablesAloneNeverTurnItOn() throws Exception {
        assertEquals(Optional.empty(), parse(lines("targets: []"), HOST_APP_ENV).otlp());
        assertEquals(Optional.empty(), parse(lines("otlp: {enabled: false}", "targets: []"), HOST_APP_ENV).otlp());
    }

    @Test
    void anEmptyBlockTakesEverythingFromTheVariables() throws Exception {
        OtlpSettings s = parse(lines("otlp: {}", "targets: []"), HOST_APP_ENV).otlp().orElseThrow();
        assertEquals(URI.create("http://collector:4318/v1/metrics"), s.endpoint());
        assertEquals(Map.of("api-key", "from-env"), s.headers());
        assertEquals("checkout", s.resource().get("service.name"));
        assertEquals(Duration.ofSeconds(60), s.interval());
    }

    @Test
    void whatTheFileSaysWinsOverTheVariables() throws Exception {
        OtlpSettings s = parse(lines(
                "otlp:",
                "  endpoint: http://127.0.0.1:4318",
                "  protocol: http/protobuf",
                "  interval: 15s",
                "  timeout: 2s",
                "  headers:",
                "    x-tenant: ${TENANT}",
                "targets: []"), with("TENANT", "t1")).otlp().orElseThrow();
        assertEquals(URI.create("http://127.0.0.1:4318/v1/metrics"), s.endpoint());
        assertEquals(Duration.ofSeconds(15), s.interval());
        assertEquals(Duration.ofSeconds(2), s.timeout());
        assertEquals(Map.of("x-tenant", "t1"), s.headers(), "the file's headers replace the variable's");
        assertEquals("checkout", s.resource().get("service.name"), "what the file leaves out comes from the variables");
    }

    @Test
    void anAgentOptionSetsAKeyAndTurnsItOnAsTheBlockWould() throws Exception {
        AgentConfig config = ConfigLoader.parse(lines("targets: []"), "targets.yaml",
                Map.of("otlp.endpoint", "http://127.0.0.1:4318", "otlp.interval", "5s"), HOST_APP_ENV);
        OtlpSettings s = config.otlp().orElseThrow();
        assertEquals(URI.create("http://127.0.0.1:4318/v1/metrics"), s.endpoint());
        assertEquals(Duration.ofSeconds(5), s.interval());
    }

    @Test
    void mistakesAreReportedWithLineAndColumn() {
        assertEquals(List.of("targets.yaml:1:18: endpoint 'collector:4318' is not an http:// or https:// URL with a"
                        + " host, e.g. http://localhost:4318",
                "targets.yaml:1:44: protocol 'grpc' is not supported: tcpshake pushes OTLP as http/protobuf only (a "
                        + "collector's HTTP receiver, port 4318)"),
                errors(lines("otlp: {endpoint: collector:4318, protocol: grpc}", "targets: []")));
        assertEquals(List.of("targets.yaml:1:8: unknown key 'url': the collector's address is endpoint: "
                + "http://collector:4318"), errors(lines("otlp: {url: http://c:4318}", "targets: []")));
        assertEquals(List.of("targets.yaml:1:7: otlp: the environment variable OTEL_EXPORTER_OTLP_PROTOCOL 'grpc' is"
                        + " not supported: tcpshake pushes OTLP as http/protobuf only (a collector's HTTP receiver,"
                        + " port 4318)"),
                errors(lines("otlp: {}", "targets: []"), Map.of(), Map.of("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc")));
        assertTrue(errors(lines("otlp: {interval: 10ms}", "targets: []")).get(0)
                .startsWith("targets.yaml:1:18: interval 10ms is too short"));
    }

    private static Map<String, String> with(String key, String value) {
        Map<String, String> env = new java.util.HashMap<>(HOST_APP_ENV);
        env.put(key, value);
        return env;
    }

    private static AgentConfig parse(String text, Map<String, String> env) throws ConfigException {
        return ConfigLoader.parse(text, "targets.yaml", Map.of(), env);
    }
}
