package io.tcpshake.spring;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real Spring Boot application with the starter, on a random port, read over HTTP as Kubernetes and
 * Prometheus read it while its loopback dependencies go down and up.
 */
@ExtendWith(OutputCaptureExtension.class)
class StarterApplicationTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void healthIsDownOnlyWhileACriticalTargetIsDownAndPrometheusShowsEveryTarget() throws Exception {
        ServerSocketChannel db = listen(0);
        int dbPort = port(db);
        ServerSocketChannel search = listen(0);
        try (ConfigurableApplicationContext context = new SpringApplication(StarterApplication.class).run(
                "--spring.config.name=starter-test", "--server.port=0", "--server.address=127.0.0.1",
                "--test.db-port=" + dbPort, "--test.search-port=" + port(search))) {
            String base = "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort();

            await().atMost(WAIT).untilAsserted(() -> {
                JsonNode health = get(base + "/actuator/health/tcpshake", 200);
                assertEquals("UP", health.at("/details/targets/db/state").asText(), health.toString());
                assertEquals("UP", health.at("/details/targets/search/state").asText(), health.toString());
            });
            JsonNode up = get(base + "/actuator/health/tcpshake", 200);
            assertEquals(true, up.at("/details/targets/db/critical").asBoolean());
            assertEquals("127.0.0.1:" + dbPort, up.at("/details/targets/db/address").asText());
            assertEquals("up", up.at("/details/targets/db/lastCheck/outcome").asText());

            // An optional dependency goes down: shown, and the application stays in service.
            search.close();
            await().atMost(WAIT).untilAsserted(() -> {
                JsonNode health = get(base + "/actuator/health/tcpshake", 200);
                assertEquals("UP", health.at("/status").asText());
                assertEquals("DOWN", health.at("/details/targets/search/state").asText(), health.toString());
                assertEquals("refused", health.at("/details/targets/search/lastCheck/outcome").asText());
            });
            get(base + "/actuator/health/readiness", 200);
            await().atMost(WAIT).untilAsserted(() -> {
                String prometheus = text(base + "/actuator/prometheus", 200);
                assertContainsAll(prometheus,
                        "tcpshake_target_up{env=\"test\",source=\"file\",target=\"db\",tier=\"db\"} 1.0",
                        "tcpshake_target_up{env=\"test\",source=\"file\",target=\"search\",tier=\"\"} 0.0",
                        "tcpshake_checks_total{env=\"test\",outcome=\"refused\",source=\"file\",target=\"search\",tier=\"\"}",
                        "tcpshake_check_duration_seconds_count{env=\"test\",source=\"file\",target=\"db\",tier=\"db\"}");
            });

            // The critical one goes down: the indicator, the whole health and the readiness group say so.
            db.close();
            await().atMost(WAIT).untilAsserted(() -> {
                JsonNode health = get(base + "/actuator/health/tcpshake", 503);
                assertEquals("DOWN", health.at("/status").asText());
                assertEquals("DOWN", health.at("/details/targets/db/state").asText());
            });
            assertEquals("DOWN", get(base + "/actuator/health/readiness", 503).at("/status").asText());
            assertEquals("DOWN", get(base + "/actuator/health", 503).at("/status").asText());

            // And comes back.
            db = listen(dbPort);
            await().atMost(WAIT).untilAsserted(() -> get(base + "/actuator/health/readiness", 200));
            String prometheus = text(base + "/actuator/prometheus", 200);
            assertTrue(prometheus.contains("tcpshake_target_state_changes_total{env=\"test\",source=\"file\",target=\"db\",tier=\"db\"} 3.0"),
                    "unknown->up, up->down, down->up: " + prometheus);
        } finally {
            db.close();
            search.close();
        }
    }

    @Test
    void aWrongValueStopsTheStartWithAMessageNamingTheProperty(CapturedOutput output) {
        SpringApplication application = new SpringApplication(StarterApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        assertThrows(Exception.class, () -> application.run("--spring.config.name=none",
                "--tcpshake.targets[0].address=127.0.0.1",
                "--tcpshake.targets[1].address=127.0.0.1:9",
                "--tcpshake.targets[1].interval=2s",
                "--tcpshake.targets[1].timeout=5s",
                "--tcpshake.defaults.jitter=60%").close());
        String report = output.getOut() + output.getErr();
        assertContainsAll(report,
                "APPLICATION FAILED TO START",
                "Property: tcpshake.targets[0].address",
                "Reason: invalid address '127.0.0.1': no port",
                "Property: tcpshake.targets[1].timeout",
                "Reason: timeout 5s is longer than interval 2s",
                "Property: tcpshake.defaults.jitter",
                "Reason: jitter '60%' is out of range: expected 0% to 50%");
    }

    /** Fails with the whole text when one of {@code expected} is not in it. */
    private static void assertContainsAll(String text, String... expected) {
        for (String part : expected) {
            assertTrue(text.contains(part), "no " + part + " in:\n" + text);
        }
    }

    private JsonNode get(String url, int status) throws Exception {
        return json.readTree(text(url, status));
    }

    private String text(String url, int status) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(status, response.statusCode(), url + ": " + response.body());
        return response.body();
    }

    private static ServerSocketChannel listen(int port) throws Exception {
        ServerSocketChannel server = ServerSocketChannel.open();
        server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        server.bind(new InetSocketAddress(LOOPBACK, port), 128);
        return server;
    }

    private static int port(ServerSocketChannel server) throws Exception {
        return ((InetSocketAddress) server.getLocalAddress()).getPort();
    }
}
