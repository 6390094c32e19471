package io.tcpshake.examples;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The five-minute promise, end to end: the demo application runs with the agent and the example
 * targets file, a real Prometheus server scrapes it with the example configuration, and a query over
 * Prometheus' HTTP API shows every demo target with the state it must have. Loopback only.
 */
class PrometheusEndToEndIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final List<Process> processes = new ArrayList<>();
    private DemoRun demo;

    @AfterEach
    void stopEverything() throws InterruptedException {
        for (Process process : processes) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        if (demo != null) {
            demo.close();
        }
    }

    @Test
    void prometheusSeesEveryDemoTargetWithItsState(@TempDir Path dir) throws Exception {
        assumeTrue(prometheusInstalled(), "prometheus is not installed (apt-get install prometheus): test skipped");
        demo = DemoRun.start(dir, "targets.yaml", 5, "120s");
        int metricsPort = demo.metricsPort();

        // The example prometheus.yml as shipped, pointed at this run's metrics port.
        Path config = dir.resolve("prometheus.yml");
        String shipped = new String(Files.readAllBytes(Path.of("prometheus", "prometheus.yml")), StandardCharsets.UTF_8);
        assertTrue(shipped.contains("127.0.0.1:9464"), "the example scrapes the demo's default port");
        Files.write(config, shipped.replace("127.0.0.1:9464", "127.0.0.1:" + metricsPort)
                .replace("scrape_interval: 5s", "scrape_interval: 1s").getBytes(StandardCharsets.UTF_8));
        Files.copy(Path.of("prometheus", "alerts.yml"), dir.resolve("alerts.yml"));
        int prometheusPort = DemoRun.freePort();
        Path prometheusLog = dir.resolve("prometheus.log");
        processes.add(new ProcessBuilder("prometheus", "--config.file=" + config,
                "--web.listen-address=127.0.0.1:" + prometheusPort, "--storage.tsdb.path=" + dir.resolve("tsdb"))
                .redirectErrorStream(true).redirectOutput(prometheusLog.toFile()).start());

        Map<String, Double> expected = Map.of("postgres", 1.0, "redis-v6", 1.0, "refused", 0.0, "timeout", 0.0);
        Map<String, Double>[] seen = new Map[1];
        try {
            await("Prometheus query shows every demo target with its state").atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                    .until(() -> {
                        seen[0] = query(prometheusPort, "tcpshake_target_up");
                        return seen[0].keySet().containsAll(List.of("postgres", "redis-v6", "refused", "timeout", "flapping"))
                                && expected.entrySet().stream().allMatch(e -> e.getValue().equals(seen[0].get(e.getKey())));
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("last query: " + seen[0] + "\n--- demo log ---\n" + demo.log()
                    + "\n--- prometheus log ---\n" + DemoRun.read(prometheusLog), e);
        }
        for (Map.Entry<String, Double> entry : expected.entrySet()) {
            assertEquals(entry.getValue(), seen[0].get(entry.getKey()), entry.getKey());
        }
        // The failure reasons a dashboard shows ("failures by outcome") arrive too.
        assertTrue(query(prometheusPort, "tcpshake_checks_total{outcome=\"refused\"} > 0").containsKey("refused"),
                "refused checks counted as refused");
        assertTrue(query(prometheusPort, "tcpshake_checks_total{outcome=\"timeout\"} > 0").containsKey("timeout"),
                "timed-out checks counted as timeout");
        // The flapping target (open and closed every 5 s here) changes state, and Prometheus sees it.
        await("Prometheus sees the flapping target change state after its first decision")
                .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .until(() -> query(prometheusPort, "tcpshake_target_state_changes_total{target=\"flapping\"} >= 2")
                        .containsKey("flapping"));
        // The example configuration loads the example alert rules.
        String rules = get(prometheusPort, "/api/v1/rules");
        for (String alert : List.of("TcpshakeTargetDown", "TcpshakeTargetFlapping", "TcpshakeExporterAbsent",
                "TcpshakeConfigReloadFailed")) {
            assertTrue(rules.contains("\"" + alert + "\""), alert + " loaded from alerts.yml: " + rules);
        }

        String demoOutput = demo.log();
        assertTrue(!demoOutput.contains("accepted a connection"), "half-open checks never reach the demo's services:\n" + demoOutput);
    }

    /** The value of each series of an instant query, by its {@code target} label. */
    private static Map<String, Double> query(int port, String promql) throws IOException, InterruptedException {
        JsonObject body = JsonParser.parseString(get(port, "/api/v1/query?query="
                + URLEncoder.encode(promql, StandardCharsets.UTF_8))).getAsJsonObject();
        Map<String, Double> byTarget = new HashMap<>();
        for (JsonElement element : body.getAsJsonObject("data").getAsJsonArray("result")) {
            JsonObject series = element.getAsJsonObject();
            byTarget.put(series.getAsJsonObject("metric").get("target").getAsString(),
                    Double.parseDouble(series.getAsJsonArray("value").get(1).getAsString()));
        }
        return byTarget;
    }

    private static String get(int port, String pathAndQuery) throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + port + pathAndQuery);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), uri + ": " + response.body());
        return response.body();
    }

    private static boolean prometheusInstalled() {
        try {
            Process process = new ProcessBuilder("prometheus", "--version").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

}
