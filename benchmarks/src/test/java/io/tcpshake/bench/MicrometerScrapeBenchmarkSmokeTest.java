package io.tcpshake.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every side renders every size with sane numbers, never a speed. */
class MicrometerScrapeBenchmarkSmokeTest {
    @Test
    void rendersBothSidesForEverySize(@TempDir Path dir) throws Exception {
        BenchRun run = BenchRun.succeeding(dir, "micrometer-scrape", "--targets", "20,200", "--scrapes", "2");

        assertTrue(run.out.contains("x exporter"), "prints the table");
        assertEquals(2, run.json.getAsJsonArray("results").size());
        for (JsonElement element : run.json.getAsJsonArray("results")) {
            JsonObject row = element.getAsJsonObject();
            int targets = row.get("targets").getAsInt();
            for (String via : new String[] {"exporter", "micrometer", "jmx_view"}) {
                JsonObject side = row.getAsJsonObject(via);
                assertTrue(side.get("samples").getAsInt() >= 10 * targets, via + ": every target's series");
                assertTrue(side.get("render_ms_median").getAsDouble() > 0, via + ": render time measured");
            }
        }
    }
}
