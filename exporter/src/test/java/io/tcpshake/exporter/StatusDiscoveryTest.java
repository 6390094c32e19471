package io.tcpshake.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.tcpshake.core.config.DiscoveryStatus;
import io.tcpshake.core.monitor.LatencySummary;
import io.tcpshake.core.monitor.Target;
import io.tcpshake.core.monitor.TargetSnapshot;
import io.tcpshake.core.monitor.TargetSource;
import io.tcpshake.core.monitor.TargetState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The status page and /status.json say where each target came from, and when a discovered one was last connected. */
class StatusDiscoveryTest {
    private static final Instant SEEN = Instant.parse("2026-11-26T09:59:40Z");
    private static final DiscoveryStatus DISCOVERY = new DiscoveryStatus() {
        @Override
        public String state() {
            return "on: every 10s, 1 target, last scan 0.4 ms";
        }

        @Override
        public Map<String, Instant> lastSeen() {
            return Map.of("postgresql@db:5432", SEEN);
        }
    };

    @Test
    void discoveredTargetShowsItsSourceAndWhenItWasLastSeenConnected() throws Exception {
        List<TargetSnapshot> targets = new ArrayList<>(Snapshots.fixed());
        targets.add(new TargetSnapshot(Target.builder("10.0.0.5", 5432).name("postgresql@db:5432")
                .label("service", "postgresql").source(TargetSource.DISCOVERED).build(), TargetState.UP, Snapshots.T0,
                null, null, null, 0, Map.of(), 0, LatencySummary.EMPTY, List.of()));
        try (MetricsEndpoint endpoint = MetricsEndpoint.builder(new FixedMonitorView(targets)).discovery(DISCOVERY)
                .host("127.0.0.1").port(0).start()) {
            String base = "http://127.0.0.1:" + endpoint.port();

            JsonObject status = JsonParser.parseString(Scrapes.get(base + "/status.json").body()).getAsJsonObject();
            assertEquals("on: every 10s, 1 target, last scan 0.4 ms", status.get("discovery").getAsString());
            JsonArray list = status.getAsJsonArray("targets");
            JsonObject written = list.get(0).getAsJsonObject();
            assertEquals("file", written.get("source").getAsString());
            assertTrue(written.get("last_seen_connected").isJsonNull());
            JsonObject found = list.get(3).getAsJsonObject();
            assertEquals("discovered", found.get("source").getAsString());
            assertEquals("2026-11-26T09:59:40Z", found.get("last_seen_connected").getAsString());
            JsonObject onlyFound = JsonParser.parseString(Scrapes.get(base + "/status.json?q=source%3Ddiscovered")
                    .body()).getAsJsonObject();
            assertEquals(1, onlyFound.getAsJsonArray("targets").size());

            String page = Scrapes.get(base + "/").body();
            assertTrue(page.contains("discovery on: every 10s, 1 target, last scan 0.4 ms"), page);
            assertTrue(page.contains("discovered, last seen connected <time datetime=\"2026-11-26T09:59:40Z\""), page);
        }
    }
}
