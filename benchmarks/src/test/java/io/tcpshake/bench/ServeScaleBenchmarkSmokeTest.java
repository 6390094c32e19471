package io.tcpshake.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A few seconds of serve-scale with a few hundred targets: it runs and reports sane numbers, never a speed. */
class ServeScaleBenchmarkSmokeTest {
    @Test
    void shortRunReportsScheduleScrapeAndProbes(@TempDir Path dir) throws Exception {
        BenchRun run = BenchRun.succeeding(dir, "serve-scale", "--targets", "300", "--listeners", "4",
                "--interval-ms", "250", "--duration-s", "1", "--probes-per-second", "40", "--probe-seconds", "1");
        JsonObject r = run.json;

        assertEquals(300, r.get("targets").getAsInt());
        assertTrue(r.get("engine").getAsString().startsWith("epoll") || r.get("engine").getAsString().startsWith("nio"),
                r.toString());
        assertTrue(r.get("checks_done").getAsLong() > 0, "checks were done");
        assertTrue(r.get("cpu_share_of_one_core").getAsDouble() > 0, "CPU was measured");
        assertTrue(r.get("scrape_text_bytes").getAsLong() > 300 * 500, "every target was scraped");
        assertEquals(40, r.get("probe_answered").getAsInt() + r.get("probe_429").getAsInt(), "every probe answered");
        assertEquals(40, r.get("healthy_answered").getAsInt());
        assertTrue(Double.isFinite(r.get("probe_overhead_ms_p50").getAsDouble()));
    }
}
