package io.tcpshake.agent.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.stream.JsonWriter;
import io.tcpshake.core.Outcome;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
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
        return pretty(root);
    }

    /**
     * The tree as Gson's pretty printing with nulls writes it, through its streaming writer alone: a
     * {@code Gson} instance would load and build its whole type-adapter machinery (over a hundred classes,
     * tens of milliseconds of a short run's CPU) to print one tree.
     */
    static String pretty(JsonElement tree) {
        StringWriter text = new StringWriter();
        try (JsonWriter writer = new JsonWriter(text)) {
            writer.setIndent("  ");
            writer.setSerializeNulls(true);
            writer.setHtmlSafe(true); // as Gson escapes < > & = '
            write(tree, writer);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return text.toString();
    }

    private static void write(JsonElement element, JsonWriter writer) throws IOException {
        if (element.isJsonNull()) {
            writer.nullValue();
        } else if (element.isJsonObject()) {
            writer.beginObject();
            for (Map.Entry<String, JsonElement> entry : element.getAsJsonObject().entrySet()) {
                writer.name(entry.getKey());
                write(entry.getValue(), writer);
            }
            writer.endObject();
        } else if (element.isJsonArray()) {
            writer.beginArray();
            for (JsonElement item : element.getAsJsonArray()) {
                write(item, writer);
            }
            writer.endArray();
        } else {
            JsonPrimitive primitive = element.getAsJsonPrimitive();
            if (primitive.isNumber()) {
                writer.value(primitive.getAsNumber());
            } else if (primitive.isBoolean()) {
                writer.value(primitive.getAsBoolean());
            } else {
                writer.value(primitive.getAsString());
            }
        }
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
