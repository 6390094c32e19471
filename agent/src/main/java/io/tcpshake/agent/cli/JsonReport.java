package io.tcpshake.agent.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.tcpshake.core.Outcome;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code --json} output of {@code check}: one object with the totals, speed, engine, settings and one
 * entry per address. Every outcome appears in {@code outcomes}, zero or not, so the shape is stable.
 */
final class JsonReport {
    private JsonReport() {
    }

    static String render(CheckSummary summary) {
        JsonObject root = tally(summary.total);
        root.remove("address");
        root.remove("ip");
        root.addProperty("duration_seconds", summary.elapsedNanos / 1e9);
        root.addProperty("checks_per_second", summary.checksPerSecond());
        root.addProperty("engine", summary.engine.kind().name().toLowerCase(Locale.ROOT));
        root.addProperty("engine_description", summary.engine.description());
        root.addProperty("engine_fallback_reason", summary.engine.fallbackReason());
        JsonObject settings = new JsonObject();
        settings.addProperty("timeout_ms", summary.timeout.toNanos() / 1e6);
        settings.addProperty("checks_per_address", summary.checksPerAddress);
        settings.addProperty("concurrency", summary.concurrency);
        settings.addProperty("close", summary.zeroLinger ? "rst" : "fin");
        root.add("settings", settings);
        JsonArray addresses = new JsonArray();
        for (AddressTally address : summary.addresses) {
            addresses.add(tally(address));
        }
        root.add("addresses", addresses);
        return new GsonBuilder().serializeNulls().setPrettyPrinting().create().toJson(root);
    }

    private static JsonObject tally(AddressTally tally) {
        JsonObject json = new JsonObject();
        json.addProperty("address", tally.label());
        json.addProperty("ip", tally.checkedIp());
        json.addProperty("checks", tally.checks());
        json.addProperty("up", tally.up());
        json.addProperty("down", tally.down());
        JsonObject outcomes = new JsonObject();
        for (Outcome outcome : Outcome.values()) {
            outcomes.addProperty(outcome.label(), tally.count(outcome));
        }
        json.add("outcomes", outcomes);
        JsonArray reasons = new JsonArray();
        for (Map.Entry<Outcome, Map<String, Integer>> byOutcome : tally.downReasons().entrySet()) {
            for (Map.Entry<String, Integer> reason : byOutcome.getValue().entrySet()) {
                JsonObject entry = new JsonObject();
                entry.addProperty("outcome", byOutcome.getKey().label());
                entry.addProperty("reason", reason.getKey());
                entry.addProperty("count", reason.getValue());
                reasons.add(entry);
            }
        }
        json.add("down_reasons", reasons);
        LatencyStats stats = tally.latency();
        JsonObject latency = new JsonObject();
        latency.addProperty("min", stats.minNanos() / 1e6);
        latency.addProperty("p50", stats.p50Nanos() / 1e6);
        latency.addProperty("p99", stats.p99Nanos() / 1e6);
        latency.addProperty("max", stats.maxNanos() / 1e6);
        json.add("latency_ms", latency);
        return json;
    }
}
