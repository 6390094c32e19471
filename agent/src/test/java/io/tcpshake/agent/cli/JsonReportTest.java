package io.tcpshake.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

/** The report's JSON text is exactly what Gson's pretty printing with nulls would write. */
class JsonReportTest {
    @Test
    void printsTheTreeAsGsonPrettyPrintingWithNulls() {
        JsonObject root = new JsonObject();
        root.addProperty("checks", 300000);
        root.addProperty("checks_per_second", 123456.789);
        root.addProperty("duration_seconds", 2.5e-7);
        root.addProperty("engine_fallback_reason", (String) null);
        root.addProperty("close", "rst \"quoted\" <tag> \u00e9");
        root.addProperty("all_up", true);
        JsonObject nested = new JsonObject();
        nested.addProperty("p99", 0.042);
        root.add("latency_ms", nested);
        JsonArray list = new JsonArray();
        list.add(new JsonObject());
        list.add(1);
        list.add((String) null);
        root.add("addresses", list);
        root.add("down_reasons", new JsonArray());

        String gson = new GsonBuilder().serializeNulls().setPrettyPrinting().create().toJson(root);

        assertEquals(gson, JsonReport.pretty(root));
    }
}
