package io.tcpshake.agent;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tcpshake.core.config.ReloadStatus;
import io.tcpshake.core.monitor.LatencySummary;
import io.tcpshake.core.monitor.TargetSnapshot;
import io.tcpshake.core.testing.LoopbackTargets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The monitor keeps a target's latency buckets only while its histogram is exported, and from a reload on. */
class AgentLatencyBucketsTest {
    @TempDir
    Path dir;
    @AutoClose
    private TcpshakeAgent agent;
    @AutoClose
    private final LoopbackTargets loopback = new LoopbackTargets();

    @Test
    void aTargetWhoseHistogramIsTurnedOnByAReloadCountsItsBucketsFromThen() throws Exception {
        int port = loopback.upListener(LoopbackTargets.V4).address().getPort();
        Path file = Files.writeString(dir.resolve("targets.yaml"), targets(port, false));
        agent = TcpshakeAgent.open(file, Map.of(), Map.of(), AgentLog.direct((logger, level, message, thrown) -> { }),
                Duration.ofMillis(100));
        await().atMost(Duration.ofSeconds(10)).until(() -> latency().count() >= 2);
        assertEquals(0, bucketed(), "no histogram: no bucket kept");
        assertFalse(metrics().contains("tcpshake_check_duration_seconds_bucket"), "no histogram exported");

        Files.writeString(file, targets(port, true));
        ReloadStatus status = agent.reload();

        assertTrue(status.success(), status.toString());
        long countAtReload = latency().count();
        await().atMost(Duration.ofSeconds(10)).until(() -> bucketed() >= 2);
        assertTrue(bucketed() < latency().count(), "buckets start empty at the reload; the count keeps every check");
        assertTrue(latency().count() > countAtReload);
        String metrics = metrics();
        assertTrue(metrics.contains("tcpshake_check_duration_seconds_bucket{"), metrics);
    }

    private static String targets(int port, boolean histogram) {
        return "defaults: {interval: 100ms, timeout: 50ms}\nreload: {interval: 0}\n"
                + "exporter: {enabled: true, host: 127.0.0.1, port: 0, histogram: {enabled: false}}\n"
                + "jmx: {enabled: false}\njfr: {enabled: false}\n"
                + "targets:\n  - {name: up, address: \"127.0.0.1:" + port + "\", histogram: " + histogram + "}\n";
    }

    private LatencySummary latency() {
        return agent.monitor().snapshot("up").map(TargetSnapshot::latency).orElse(LatencySummary.EMPTY);
    }

    /** Latencies in the buckets: the highest bound's cumulative count. */
    private long bucketed() {
        long[] buckets = latency().cumulativeBucketCounts();
        return Arrays.stream(buckets).max().orElse(0);
    }

    private String metrics() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(agent.metricsUrl().orElseThrow())).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
    }
}
