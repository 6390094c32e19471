package io.tcpshake.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scrapes of a small monitor: every size is measured with sane numbers, never a speed. */
class ScrapeBenchmarkSmokeTest {
    @Test
    void scrapesEverySizeAndReportsTimeCpuAndSizeOfMetricsAndStatusPage(@TempDir Path dir) throws Exception {
        BenchRun run = BenchRun.succeeding(dir, "scrape", "--targets", "20,200", "--scrapes", "2", "--listeners", "4");

        assertTrue(run.out.contains("wall ms med"), "prints the table");
        assertEquals(2, run.json.getAsJsonArray("results").size());
        for (JsonElement element : run.json.getAsJsonArray("results")) {
            JsonObject row = element.getAsJsonObject();
            int targets = row.get("targets").getAsInt();
            assertTrue(row.get("samples").getAsInt() > targets, targets + " targets: several samples per target");
            assertTrue(row.get("bytes").getAsInt() > 0);
            assertTrue(row.get("wall_ms_median").getAsDouble() > 0, "scrape time measured");
            assertEquals(targets, row.get("targets_up").getAsLong(), "every target was checked before scraping");
            assertTrue(row.get("page_bytes").getAsInt() > targets * 500, "a status page row per target");
            assertTrue(row.get("page_gzip_bytes").getAsInt() < row.get("page_bytes").getAsInt(), "gzip when asked");
            assertTrue(row.get("json_bytes").getAsInt() > 0);
            assertTrue(row.get("recent_results_heap_bytes_per_target").getAsDouble() > 0, "recent results cost heap");
        }
    }
}
