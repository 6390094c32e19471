package io.tcpshake.examples;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The blackbox_exporter-style job of examples/prometheus/probe.yml, as shipped, run by the real Prometheus
 * against {@code tcpshake serve examples/serve/targets.yaml}: Prometheus gets probe_success 1 for a listening
 * port and 0 for a refused one, and the listener never sees a connection. Loopback only.
 */
class BlackboxJobIT {

    private Process serve;
    private Process prometheus;

    @AfterEach
    void stop() throws InterruptedException {
        for (Process process : new Process[] {prometheus, serve}) {
            if (process != null) {
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        }
    }

    @Test
    void blackboxJobGetsProbeSuccessFromTcpshakeServe(@TempDir Path dir) throws Exception {
        assumeTrue(PrometheusEndToEndIT.prometheusInstalled(), "prometheus is not installed: test skipped");
        try (ServerSocket up = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int refused = DemoRun.freePort();
            int servePort = DemoRun.freePort();
            Path serveLog = dir.resolve("serve.log");
            ProcessBuilder serveCommand = new ProcessBuilder(DemoRun.java(), "-jar", DemoRun.AGENT_JAR.toString(),
                    "serve", Path.of("serve", "targets.yaml").toString())
                    .redirectErrorStream(true).redirectOutput(serveLog.toFile());
            serveCommand.environment().put("SERVE_PORT", Integer.toString(servePort));
            serveCommand.environment().put("DEMO_UP_PORT", Integer.toString(up.getLocalPort()));
            serveCommand.environment().put("DEMO_REFUSED_PORT", Integer.toString(refused));
            serve = serveCommand.start();

            String shipped = Files.readString(Path.of("prometheus", "probe.yml"));
            assertTrue(shipped.contains("module: [tcp_connect]") && shipped.contains("replacement: 127.0.0.1:9465"),
                    shipped);
            Path config = dir.resolve("probe.yml");
            Files.writeString(config, shipped.replace("127.0.0.1:9465", "127.0.0.1:" + servePort)
                    .replace("127.0.0.1:15432", "127.0.0.1:" + up.getLocalPort())
                    .replace("127.0.0.1:15433", "127.0.0.1:" + refused)
                    .replace("scrape_interval: 15s", "scrape_interval: 1s")
                    .replace("scrape_timeout: 10s", "scrape_timeout: 1s"));
            int prometheusPort = DemoRun.freePort();
            Path prometheusLog = dir.resolve("prometheus.log");
            prometheus = new ProcessBuilder("prometheus", "--config.file=" + config,
                    "--web.listen-address=127.0.0.1:" + prometheusPort, "--storage.tsdb.path=" + dir.resolve("tsdb"))
                    .redirectErrorStream(true).redirectOutput(prometheusLog.toFile()).start();

            Map<String, Double> expected = Map.of("127.0.0.1:" + up.getLocalPort(), 1.0, "127.0.0.1:" + refused, 0.0);
            Map<String, Double>[] seen = new Map[1];
            try {
                await("Prometheus sees probe_success of both targets").atMost(Duration.ofSeconds(90))
                        .pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                        .until(() -> expected.equals(seen[0] = query(prometheusPort, "probe_success")));
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError("last query: " + seen[0] + "\n--- serve log ---\n" + DemoRun.read(serveLog)
                        + "\n--- prometheus log ---\n" + DemoRun.read(prometheusLog), e);
            }
            assertEquals(Map.of("127.0.0.1:" + up.getLocalPort(), 4.0, "127.0.0.1:" + refused, 4.0),
                    query(prometheusPort, "probe_ip_protocol"));
            assertTrue(query(prometheusPort, "up{job=\"blackbox-tcp\"} == 1").size() == 2, "both scrapes succeed");
            up.setSoTimeout(1);
            assertTrue(acceptsNothing(up), "a probe reached the listener's accept queue");
        }
    }

    private static boolean acceptsNothing(ServerSocket listener) throws IOException {
        try {
            listener.accept().close();
            return false;
        } catch (java.net.SocketTimeoutException e) {
            return true;
        }
    }

    private static Map<String, Double> query(int port, String promql) throws Exception {
        return PrometheusEndToEndIT.query(port, promql, "instance");
    }
}
