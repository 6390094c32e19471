package io.tcpshake.exporter;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tcpshake.core.monitor.Monitor;
import io.tcpshake.core.monitor.Target;
import io.tcpshake.core.testing.LoopbackTargets;
import io.tcpshake.core.testing.Promtool;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** A real Monitor checking loopback targets, scraped over real HTTP while a target goes down and up. */
class LiveMonitorScrapeTest {
    @Test
    void scrapesFollowATargetDownAndUpAndCountersOnlyGrow() throws Exception {
        try (LoopbackTargets loopback = new LoopbackTargets();
                Monitor monitor = Monitor.builder().build()) {
            LoopbackTargets.UpListener steady = loopback.upListener(LoopbackTargets.V4);
            InetSocketAddress refused = loopback.refusedAddress(LoopbackTargets.V4);
            ServerSocketChannel flapping = listen(new InetSocketAddress(LoopbackTargets.V4, 0));
            int flappingPort = ((InetSocketAddress) flapping.getLocalAddress()).getPort();
            monitor.replaceAll(List.of(
                    fast(Target.builder("127.0.0.1", steady.address().getPort()).name("steady").label("tier", "db")),
                    fast(Target.builder("127.0.0.1", refused.getPort()).name("refused")),
                    fast(Target.builder("127.0.0.1", flappingPort).name("flapping").label("tier", "cache"))));
            monitor.start();
            try (MetricsEndpoint endpoint = MetricsEndpoint.builder(monitor).host("127.0.0.1").port(0).start()) {
                CounterWatch counters = new CounterWatch();
                String up = "tcpshake_target_up{target=\"flapping\"";

                await().atMost(Duration.ofSeconds(10)).until(() -> counters.scrape(endpoint) != null
                        && counters.last(up) == 1.0
                        && counters.last("tcpshake_target_up{target=\"steady\"") == 1.0
                        && counters.last("tcpshake_target_up{target=\"refused\"") == 0.0);

                flapping.close();
                await().atMost(Duration.ofSeconds(10)).until(() -> counters.scrape(endpoint) != null
                        && counters.last(up) == 0.0);
                assertTrue(counters.last("tcpshake_checks_total{target=\"flapping\",source=\"file\",tier=\"cache\",outcome=\"refused\"") >= 1);

                flapping = listen(new InetSocketAddress(LoopbackTargets.V4, flappingPort));
                await().atMost(Duration.ofSeconds(10)).until(() -> counters.scrape(endpoint) != null
                        && counters.last(up) == 1.0);
                assertTrue(counters.last("tcpshake_target_state_changes_total{target=\"flapping\"") >= 3,
                        "unknown->up, up->down, down->up");
                assertTrue(counters.scrapes >= 3);
                // Whether checks stay half-open (nothing accepted) is the engine's to prove, in core's tests.

                String missing = Promtool.unavailableReason();
                Assumptions.assumeTrue(missing == null, missing);
                Promtool.Result lint = Promtool.checkMetrics(Scrapes.get(endpoint.url()).body());
                assertEquals(0, lint.exitCode, lint.toString());
                assertEquals("", lint.output.trim(), "promtool found problems in a live scrape");
            } finally {
                flapping.close();
            }
        }
    }

    private static Target fast(Target.Builder builder) {
        return builder.interval(Duration.ofMillis(100)).timeout(Duration.ofMillis(500)).rise(1).fall(1)
                .initialDelay(Duration.ZERO).build();
    }

    private static ServerSocketChannel listen(InetSocketAddress address) throws Exception {
        ServerSocketChannel server = ServerSocketChannel.open();
        server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        server.bind(address, 128);
        server.configureBlocking(false);
        return server;
    }

    /** Scrapes and checks that no counter (a {@code _total}, {@code _count}, {@code _bucket} or {@code _sum}) ever went down. */
    static final class CounterWatch {
        private final Map<String, Double> counters = new HashMap<>();
        private String lastBody = "";
        int scrapes;

        String scrape(MetricsEndpoint endpoint) {
            String body = Scrapes.get(endpoint.url()).body();
            for (String line : body.split("\n")) {
                if (line.startsWith("#") || line.isEmpty()) {
                    continue;
                }
                int space = line.lastIndexOf(' ');
                String series = line.substring(0, space);
                String name = series.contains("{") ? series.substring(0, series.indexOf('{')) : series;
                if (name.endsWith("_total") || name.endsWith("_count") || name.endsWith("_bucket")
                        || name.endsWith("_sum")) {
                    double value = Double.parseDouble(line.substring(space + 1));
                    Double before = counters.put(series, value);
                    assertTrue(before == null || value >= before, series + " went down from " + before + " to " + value);
                }
            }
            lastBody = body;
            scrapes++;
            return body;
        }

        double last(String seriesPrefix) {
            return Scrapes.value(lastBody, seriesPrefix);
        }
    }
}
