package io.tcpshake.otlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The OTEL_* variables read as OpenTelemetry's SDKs read them, and what the builder is told winning over them. */
class OtlpSettingsTest {
    @Test
    void withoutVariablesTheDefaultsAreOpenTelemetrys() {
        OtlpSettings s = OtlpSettings.fromEnvironment(Map.of()).build();
        assertEquals(URI.create("http://localhost:4318/v1/metrics"), s.endpoint());
        assertEquals(Duration.ofSeconds(60), s.interval());
        assertEquals(Duration.ofSeconds(10), s.timeout());
        assertEquals(Map.of("service.name", "unknown_service:java"), s.resource());
    }

    @Test
    void theGeneralEndpointGetsV1MetricsAndTheMetricsEndpointWins() {
        assertEquals(URI.create("http://collector:4318/v1/metrics"), endpointOf(Map.of(
                "OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318")));
        assertEquals(URI.create("http://collector:4318/otlp/v1/metrics"), endpointOf(Map.of(
                "OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318/otlp/")));
        assertEquals(URI.create("https://other:443/custom"), endpointOf(Map.of(
                "OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318",
                "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", "https://other:443/custom")));
        assertEquals(URI.create("http://localhost:4318/v1/metrics"), endpointOf(Map.of(
                "OTEL_EXPORTER_OTLP_ENDPOINT", " ")), "an empty variable counts as unset");
    }

    @Test
    void headersTimeoutIntervalAndResourceAreReadLikeTheSdkReadsThem() {
        OtlpSettings s = OtlpSettings.fromEnvironment(Map.of(
                "OTEL_EXPORTER_OTLP_HEADERS", "api-key=general",
                "OTEL_EXPORTER_OTLP_METRICS_HEADERS", "api-key=a%20b%3Dc, x-tenant = t1",
                "OTEL_EXPORTER_OTLP_TIMEOUT", "2500",
                "OTEL_METRIC_EXPORT_INTERVAL", "15000",
                "OTEL_RESOURCE_ATTRIBUTES", "service.name=from-attributes,host.name=web-1",
                "OTEL_SERVICE_NAME", "checkout")).build();
        assertEquals(Map.of("api-key", "a b=c", "x-tenant", "t1"), s.headers());
        assertEquals(Duration.ofMillis(2500), s.timeout());
        assertEquals(Duration.ofSeconds(15), s.interval());
        assertEquals(Map.of("service.name", "checkout", "host.name", "web-1"), s.resource());
        assertTrue(s.toString().contains("headers api-key, x-tenant") && !s.toString().contains("a b=c"),
                "header values stay out of logs: " + s);
    }

    @Test
    void whatTheBuilderIsToldWinsOverTheVariables() {
        OtlpSettings s = OtlpSettings.fromEnvironment(Map.of(
                "OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317",
                "OTEL_EXPORTER_OTLP_PROTOCOL", "grpc",
                "OTEL_METRIC_EXPORT_INTERVAL", "15000"))
                .endpoint("http://127.0.0.1:4318").protocol("http/protobuf").interval(Duration.ofSeconds(5)).build();
        assertEquals(URI.create("http://127.0.0.1:4318/v1/metrics"), s.endpoint());
        assertEquals(Duration.ofSeconds(5), s.interval());
    }

    @Test
    void aWrongVariableIsNamedInTheMessage() {
        assertMessage("OTEL_EXPORTER_OTLP_PROTOCOL 'grpc' is not supported: tcpshake pushes OTLP as http/protobuf"
                + " only (a collector's HTTP receiver, port 4318)", Map.of("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc"));
        assertMessage("OTEL_EXPORTER_OTLP_ENDPOINT: endpoint 'collector:4318' is not an http:// or https:// URL with"
                + " a host, e.g. http://localhost:4318", Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "collector:4318"));
        assertMessage("OTEL_EXPORTER_OTLP_TIMEOUT='ten' is not a duration: expected milliseconds, e.g. 10000",
                Map.of("OTEL_EXPORTER_OTLP_TIMEOUT", "ten"));
        assertMessage("OTEL_EXPORTER_OTLP_HEADERS: 'api-key' is not key=value",
                Map.of("OTEL_EXPORTER_OTLP_HEADERS", "api-key"));
        assertMessage("OTEL_METRIC_EXPORT_INTERVAL: interval 10ms is too short: at least 100ms (OpenTelemetry's "
                + "default is 60s)", Map.of("OTEL_METRIC_EXPORT_INTERVAL", "10"));
    }

    private static URI endpointOf(Map<String, String> env) {
        return OtlpSettings.fromEnvironment(env).build().endpoint();
    }

    private static void assertMessage(String expected, Map<String, String> env) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OtlpSettings.fromEnvironment(env).build());
        assertEquals(expected, e.getMessage());
    }
}
