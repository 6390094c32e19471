package io.tcpshake.exporter;

import com.google.gson.stream.JsonWriter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.tcpshake.core.CheckResult;
import io.tcpshake.core.config.DiscoveryStatus;
import io.tcpshake.core.monitor.MonitorSnapshot;
import io.tcpshake.core.monitor.MonitorView;
import io.tcpshake.core.monitor.RecentResults;
import io.tcpshake.core.monitor.TargetSnapshot;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /status.json}: the status page's data for scripts, in configuration order, with the same
 * {@code ?q=} filter. Written with Gson's streaming writer (no object tree, no reflection).
 */
final class StatusJson implements HttpHandler {
    private final MonitorView monitor;
    private final DowntimeLedger downtime;
    private final DiscoveryStatus discovery;

    /** @param discovery the agent's discovery, or null for none */
    StatusJson(MonitorView monitor, DowntimeLedger downtime, DiscoveryStatus discovery) {
        this.monitor = monitor;
        this.downtime = downtime;
        this.discovery = discovery;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            if (!"/status.json".equals(exchange.getRequestURI().getPath())) {
                Responses.text(exchange, 404, "text/plain; charset=utf-8", "not found: did you mean /status.json?\n");
            } else if (!Responses.isGetOrHead(exchange)) {
                Responses.methodNotAllowed(exchange);
            } else {
                exchange.getResponseHeaders().set("Cache-Control", "no-store");
                Responses.compressible(exchange, "application/json; charset=utf-8", render(monitor, downtime, discovery,
                        TargetFilter.fromQuery(exchange.getRequestURI().getRawQuery())));
            }
        } catch (RuntimeException e) {
            Responses.serverError(exchange, "rendering /status.json failed", e);
        } finally {
            exchange.close();
        }
    }

    static String render(MonitorView monitor, DowntimeLedger downtime, DiscoveryStatus discovery,
            TargetFilter filter) {
        MonitorSnapshot snapshot = monitor.snapshot();
        Map<String, Instant> lastSeen = discovery == null ? Map.of() : discovery.lastSeen();
        long now = snapshot.takenAt().toEpochMilli();
        StringWriter text = new StringWriter(1024 + 1024 * snapshot.targets().size());
        try (JsonWriter json = new JsonWriter(text)) {
            json.setSerializeNulls(true);
            json.beginObject();
            json.name("taken_at").value(snapshot.takenAt().toString());
            json.name("engine").value(monitor.engineInfo().description());
            json.name("targets_total").value(snapshot.targets().size());
            json.name("up").value(snapshot.upCount());
            json.name("down").value(snapshot.downCount());
            json.name("unknown").value(snapshot.targets().size() - snapshot.upCount() - snapshot.downCount());
            json.name("discovery").value(discovery == null ? null : discovery.state());
            json.name("targets").beginArray();
            for (TargetSnapshot target : filter.select(snapshot.targets())) {
                target(json, target, monitor.recentResults(target.name()), downtime.downMillis(target.name(), now),
                        lastSeen.get(target.name()));
            }
            json.endArray();
            json.endObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return text.append('\n').toString();
    }

    private static void target(JsonWriter json, TargetSnapshot target, RecentResults recent, long downMillis,
            Instant lastSeen) throws IOException {
        json.beginObject();
        json.name("name").value(target.name());
        json.name("address").value(target.target().endpoint().toString());
        json.name("source").value(target.target().source().label());
        json.name("last_seen_connected").value(lastSeen == null ? null : lastSeen.toString());
        json.name("labels").beginObject();
        for (Map.Entry<String, String> label : target.target().labels().entrySet()) {
            json.name(label.getKey()).value(label.getValue());
        }
        json.endObject();
        json.name("state").value(target.state().name().toLowerCase(Locale.ROOT));
        json.name("since").value(target.stateSince().toString());
        json.name("state_changes").value(target.stateChanges());
        json.name("checks").value(target.checks());
        json.name("failures").value(target.failures());
        json.name("downtime_seconds").value(downMillis / 1000.0);
        json.name("last_check");
        CheckResult last = target.lastResult();
        if (last == null) {
            json.nullValue();
        } else {
            json.beginObject();
            Instant time = target.lastCheckTime();
            json.name("time").value(time == null ? null : time.toString());
            json.name("outcome").value(last.outcome().label());
            json.name("haproxy_code").value(last.outcome().haproxyCode());
            json.name("address").value(last.addressText());
            json.name("errno").value(last.errnoName());
            json.name("message").value(last.message());
            json.name("latency_ms").value(last.latencyNanos() / 1e6);
            json.endObject();
        }
        json.name("recent").beginObject();
        json.name("capacity").value(recent.capacity());
        json.name("outcomes").beginArray();
        for (int i = 0; i < recent.count(); i++) {
            json.value(recent.outcome(i).label());
        }
        json.endArray();
        json.name("latency_ms").beginArray();
        for (int i = 0; i < recent.count(); i++) {
            if (recent.answered(i)) {
                json.value(recent.latencyMicros(i) / 1000.0);
            } else {
                json.nullValue(); // a failure's time waited is not kept
            }
        }
        json.endArray();
        json.endObject();
        json.endObject();
    }
}
