package io.tcpshake.exporter;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.tcpshake.core.monitor.LatencySummary;
import io.tcpshake.core.monitor.Monitor;
import io.tcpshake.core.monitor.Target;
import io.tcpshake.core.monitor.TargetSnapshot;
import io.tcpshake.core.monitor.TargetState;
import io.tcpshake.core.testing.LoopbackTargets;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code /status.json}: the status page's data for scripts. */
class StatusJsonTest {
    @Test
    void jsonHasEveryTargetInConfigurationOrderWithItsStateAndLastCheck() throws Exception {
        List<TargetSnapshot> targets = new ArrayList<>(Snapshots.fixed());
        String hostile = "<script>alert(\"x\")</script>";
        targets.add(new TargetSnapshot(Target.builder("127.0.0.1", 7).name(hostile).build(), TargetState.UNKNOWN,
                Snapshots.T0, null, null, null, 0, Map.of(), 0, LatencySummary.EMPTY, List.of()));
        try (MetricsEndpoint endpoint = MetricsEndpoint.builder(new FixedMonitorView(targets)).host("127.0.0.1")
                .port(0).start()) {
            HttpResponse<String> response = Scrapes.get("http://127.0.0.1:" + endpoint.port() + "/status.json");

            assertEquals(200, response.statusCode());
            assertEquals("application/json; charset=utf-8", response.headers().firstValue("Content-Type").orElse(""));
            JsonObject status = JsonParser.parseString(response.body()).getAsJsonObject();
            assertEquals(4, status.get("targets_total").getAsInt());
            assertEquals(1, status.get("down").getAsInt());
            assertEquals(2, status.get("unknown").getAsInt());
            JsonArray list = status.getAsJsonArray("targets");
            assertEquals("db", list.get(0).getAsJsonObject().get("name").getAsString());
            assertEquals(hostile, list.get(3).getAsJsonObject().get("name").getAsString(), "any name, as it is");

            JsonObject cache = list.get(1).getAsJsonObject();
            assertEquals("down", cache.get("state").getAsString());
            assertEquals("2026-11-26T09:00:30Z", cache.get("since").getAsString());
            JsonObject last = cache.getAsJsonObject("last_check");
            assertEquals("refused", last.get("outcome").getAsString());
            assertEquals("L4CON", last.get("haproxy_code").getAsString());
            assertEquals("ECONNREFUSED", last.get("errno").getAsString());
            assertEquals(0.15, last.get("latency_ms").getAsDouble(), 1e-9);
            assertEquals("db", list.get(0).getAsJsonObject().getAsJsonObject("labels").get("tier").getAsString());
            assertTrue(list.get(2).getAsJsonObject().get("last_check").isJsonNull(), "no check yet: null");

            JsonObject filtered = JsonParser.parseString(Scrapes.get("http://127.0.0.1:" + endpoint.port()
                    + "/status.json?q=tier%3Ddb").body()).getAsJsonObject();
            assertEquals(1, filtered.getAsJsonArray("targets").size());
        }
    }

    @Test
    void recentChecksOfALiveMonitorArriveInTheJson() throws Exception {
        try (LoopbackTargets loopback = new LoopbackTargets();
                Monitor monitor = Monitor.builder().recentResults(Monitor.STATUS_PAGE_RECENT_RESULTS).build()) {
            int up = loopback.upListener(LoopbackTargets.V4).address().getPort();
            int refused = loopback.refusedAddress(LoopbackTargets.V4).getPort();
            monitor.replaceAll(List.of(fast(Target.builder("127.0.0.1", up).name("up")),
                    fast(Target.builder("127.0.0.1", refused).name("refused"))));
            try (MetricsEndpoint endpoint = MetricsEndpoint.builder(monitor).host("127.0.0.1").port(0).start()) {
                monitor.start();
                String url = "http://127.0.0.1:" + endpoint.port() + "/status.json";

                JsonObject[] status = new JsonObject[1];
                await().atMost(Duration.ofSeconds(10)).until(() -> {
                    status[0] = JsonParser.parseString(Scrapes.get(url).body()).getAsJsonObject();
                    return recent(status[0], 0, "outcomes").size() >= 5 && recent(status[0], 1, "outcomes").size() >= 5;
                });

                for (JsonElement outcome : recent(status[0], 0, "outcomes")) {
                    assertEquals("up", outcome.getAsString());
                }
                for (JsonElement outcome : recent(status[0], 1, "outcomes")) {
                    assertEquals("refused", outcome.getAsString());
                }
                assertEquals(recent(status[0], 0, "outcomes").size(), recent(status[0], 0, "latency_ms").size());
                assertEquals(Monitor.STATUS_PAGE_RECENT_RESULTS, status[0].getAsJsonArray("targets").get(0)
                        .getAsJsonObject().getAsJsonObject("recent").get("capacity").getAsInt());
                assertTrue(recent(status[0], 0, "latency_ms").get(0).getAsDouble() > 0);
                assertTrue(recent(status[0], 1, "latency_ms").get(0).getAsDouble() > 0, "a refusal is an answer");
                assertTrue(status[0].getAsJsonArray("targets").get(1).getAsJsonObject()
                        .get("downtime_seconds").getAsDouble() > 0, "refused has been down since its first check");
                String page = Scrapes.get("http://127.0.0.1:" + endpoint.port() + "/").body();
                assertTrue(page.contains("<rect class=\"o-refused\""), "the page draws the same history: " + page);
            }
        }
    }

    private static JsonArray recent(JsonObject status, int target, String series) {
        return status.getAsJsonArray("targets").get(target).getAsJsonObject().getAsJsonObject("recent")
                .getAsJsonArray(series);
    }

    private static Target fast(Target.Builder builder) {
        return builder.interval(Duration.ofMillis(50)).timeout(Duration.ofMillis(50)).rise(1).fall(1)
                .initialDelay(Duration.ZERO).build();
    }
}
