package io.tcpshake.springit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tcpshake.springit.app.WebApp;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Spring Boot 3.5 application with tcpshake's starter on its class path and tcpshake.jar as its agent: one
 * monitor, the agent's. The application's Actuator shows the targets of the agent's targets.yaml (a target
 * marked {@code critical: true} there takes the health down), {@code /actuator/prometheus} has each of them
 * once, and the application builds no monitor of its own.
 */
class StarterBesideAgentIT {
    private static final String JAVA17 = System.getProperty("java.home");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void theAgentsMonitorIsTheOneTheActuatorShows() throws Exception {
        ServerSocket db = listener(0);
        int dbPort = db.getLocalPort();
        int cachePort = closedPort();
        try (ServerSocket springOnly = listener(0)) {
            Path targets = Files.writeString(dir.resolve("targets.yaml"), ""
                    + "defaults: {interval: 200ms, timeout: 150ms, rise: 1, fall: 1}\n"
                    + "exporter: {enabled: false}\n"
                    + "targets:\n"
                    + "  - {name: db, address: \"127.0.0.1:" + dbPort + "\", critical: true, labels: {tier: db}}\n"
                    + "  - {name: cache, address: \"127.0.0.1:" + cachePort + "\"}\n");
            try (AppJvm app = AppJvm.startWithStarter(AppJvm.javaOf(JAVA17),
                    List.of("-javaagent:" + AppJvm.agentJar() + "=" + targets), WebApp.class.getName(),
                    "--server.port=0", "--management.endpoints.web.exposure.include=health,prometheus,beans",
                    "--management.endpoint.health.show-details=always",
                    "--tcpshake.targets[0].name=spring-only",
                    "--tcpshake.targets[0].address=127.0.0.1:" + springOnly.getLocalPort())) {
                String log = app.awaitOutput("Tomcat started on port ");
                Matcher port = Pattern.compile("Tomcat started on port (\\d+)").matcher(log);
                assertTrue(port.find(), log);
                String base = "http://127.0.0.1:" + port.group(1) + "/actuator";
                assertTrue(log.contains("tcpshake: the tcpshake agent runs in this JVM (started by -javaagent with '"
                        + targets + "')"), log);
                assertTrue(log.contains("tcpshake: the 1 targets under tcpshake.targets are not checked while the"
                        + " tcpshake agent runs in this JVM"), log);

                // Both targets of targets.yaml, db critical there; the application's own target is not checked.
                JsonNode up = awaitHealth(base, 200, "db", "UP");
                assertEquals("UP", up.at("/status").asText());
                assertTrue(up.at("/details/targets/db/critical").asBoolean(), up.toString());
                assertEquals("DOWN", up.at("/details/targets/cache/state").asText(), up.toString());
                assertFalse(up.at("/details/targets/cache/critical").asBoolean(), up.toString());
                assertEquals("127.0.0.1:" + cachePort, up.at("/details/targets/cache/address").asText());
                assertEquals("refused", up.at("/details/targets/cache/lastCheck/outcome").asText(), up.toString());
                assertFalse(up.at("/details/targets").has("spring-only"), up.toString());
                assertEquals(Map.of("db", "1.0", "cache", "0.0"), targetUp(base));

                // The critical one goes down and comes back, on the same port.
                db.close();
                JsonNode down = awaitHealth(base, 503, "db", "DOWN");
                assertEquals("DOWN", down.at("/status").asText());
                assertEquals(Map.of("db", "0.0", "cache", "0.0"), targetUp(base));
                db = listener(dbPort);
                awaitHealth(base, 200, "db", "UP");

                // One monitor: the starter made none (its bean is the agent's, read through JMX), and one
                // checking loop runs in the JVM, the agent's.
                String beans = get(base + "/beans").body();
                assertTrue(beans.contains("\"tcpshakeAgentMonitor\""), beans);
                assertFalse(beans.contains("\"tcpshakeMonitor\""), beans);
                try (AppJvm jcmd = AppJvm.command(List.of(Paths.get(JAVA17, "bin", "jcmd").toString(),
                        Long.toString(app.pid()), "Thread.print"), Map.of())) {
                    assertEquals(0, jcmd.awaitExit(), jcmd.output());
                    List<String> loops = jcmd.output().lines()
                            .filter(l -> l.startsWith("\"tcpshake-loop\"") || l.startsWith("\"tcpshake-checker-"))
                            .collect(Collectors.toList());
                    assertEquals(1, loops.size(), jcmd.output());
                    assertTrue(loops.get(0).startsWith("\"tcpshake-loop\""), loops.get(0));
                }
            } finally {
                db.close();
            }
        }
    }

    /** Waits until {@code /health/tcpshake} answers {@code status} with {@code target} in {@code state}. */
    private static JsonNode awaitHealth(String base, int status, String target, String state) {
        JsonNode[] seen = new JsonNode[1];
        await().atMost(WAIT).until(() -> {
            HttpResponse<String> response = get(base + "/health/tcpshake");
            seen[0] = JSON.readTree(response.body());
            return response.statusCode() == status
                    && state.equals(seen[0].at("/details/targets/" + target + "/state").asText());
        });
        return seen[0];
    }

    /** {@code tcpshake_target_up} by target from {@code /prometheus}; fails when a target is there twice. */
    private static Map<String, String> targetUp(String base) throws Exception {
        String body = get(base + "/prometheus").body();
        Pattern series = Pattern.compile("^tcpshake_target_up\\{.*target=\"([^\"]+)\".*} (\\S+)$");
        return body.lines().map(series::matcher).filter(Matcher::matches).collect(Collectors.toMap(
                m -> m.group(1), m -> m.group(2), (a, b) -> {
                    throw new AssertionError("a target's tcpshake_target_up is there twice:\n" + body);
                }));
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static ServerSocket listener(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        return socket;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = listener(0)) {
            return socket.getLocalPort();
        }
    }
}
