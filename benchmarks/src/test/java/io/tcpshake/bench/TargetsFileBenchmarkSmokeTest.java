package io.tcpshake.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** targets-file runs validate in child JVMs; it needs the agent jar ({@code mvn -q -pl agent -am package}). */
class TargetsFileBenchmarkSmokeTest {
    @Test
    void oneFileIsMeasured(@TempDir Path dir) throws Exception {
        assumeTrue(FootprintBenchmark.defaultAgentJar() != null,
                "agent/target/tcpshake.jar is not built: mvn -q -pl agent -am package -DskipTests");
        BenchRun run = BenchRun.succeeding(dir, "targets-file", "--files", "value-1MiB", "--heaps", "256");

        assertTrue(run.out.contains("value-1MiB"), run.out);
        JsonObject row = run.json.getAsJsonArray("rows").get(0).getAsJsonObject();
        assertEquals(1, row.get("exit_code").getAsInt(), row.toString());
        assertTrue(row.get("outcome").getAsString().startsWith("value-1MiB.yaml:2:12: name is 1048576 characters"),
                row.toString());
        assertTrue(row.get("peak_rss_mb").getAsDouble() > 0, row.toString());
        assertEquals(256, row.get("smallest_heap_mb").getAsInt(), row.toString());
    }

    @Test
    void unknownFileIsAClearError() {
        assumeTrue(FootprintBenchmark.defaultAgentJar() != null, "agent/target/tcpshake.jar is not built");
        BenchRun run = BenchRun.run("targets-file", "--files", "nothing");

        assertEquals(2, run.exitCode);
        assertTrue(run.err.contains("unknown file 'nothing'"), run.err);
    }
}
