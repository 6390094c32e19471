package io.tcpshake.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.tcpshake.core.internal.epoll.SockDiag;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A few scans with a small crowd: both tables measured, the one dependency found, never a speed. */
class DiscoveryScanBenchmarkSmokeTest {
    @Test
    void scansWithEachCrowdThroughBothTables(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isDirectory(Paths.get("/proc/self/fd")) && SockDiag.unavailabilityCause() == null,
                "needs Linux /proc and JNA");
        BenchRun run = BenchRun.succeeding(dir, "discovery", "--sockets", "10,40", "--scans", "2");

        assertTrue(run.out.contains("sock_diag p50"), "prints the table");
        assertEquals(2, run.json.getAsJsonArray("rounds").size());
        for (JsonElement element : run.json.getAsJsonArray("rounds")) {
            JsonObject round = element.getAsJsonObject();
            assertTrue(round.get("table_rows").getAsInt() >= round.get("sockets_held_elsewhere").getAsInt(),
                    "the crowd's sockets are in the namespace's table");
            assertTrue(round.get("scan_ms_p50").getAsDouble() > 0);
            assertTrue(round.get("text_scan_ms_p50").getAsDouble() > 0);
            assertEquals(1, round.get("dependencies_found").getAsInt(), "the benchmark's own three connections");
        }
    }
}
