package io.tcpshake.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A few seconds of the throughput benchmark so it never rots. It asserts that every scenario ran and
 * printed sane numbers, never a speed: this machine is shared and noisy.
 */
class ThroughputBenchmarkSmokeTest {
    @Test
    void shortRunMeasuresEveryAvailableScenario(@TempDir Path dir) throws Exception {
        BenchRun run = BenchRun.succeeding(dir, "throughput", "--checks", "2000", "--in-flight", "1,16");
        assertTrue(run.out.contains("checks/s"), "prints a table");
        JsonObject document = run.json;
        assertTrue(document.getAsJsonArray("results").size() >= 4, "at least tcpshake-nio and the Java baselines ran");
        for (JsonElement element : document.getAsJsonArray("results")) {
            JsonObject row = element.getAsJsonObject();
            String scenario = row.get("scenario").getAsString();
            assertTrue(row.get("checks_per_second").getAsDouble() > 0, scenario + " measured a rate");
            assertEquals(row.get("checks").getAsLong(), row.get("up").getAsLong(), scenario + ": every check was up");
        }
    }

    @Test
    void theBareJnaLoopChecksEveryTargetAndReportsItsLoopCpu(@TempDir Path dir) throws Exception {
        BenchRun run = BenchRun.succeeding(dir, "throughput", "--scenarios", "jna-halfopen-reuse,tcpshake-epoll",
                "--checks", "2000", "--in-flight", "1,16", "--rounds", "2");
        JsonObject document = run.json;
        assertEquals(4, document.getAsJsonArray("results").size(), document.toString());
        for (JsonElement element : document.getAsJsonArray("results")) {
            JsonObject row = element.getAsJsonObject();
            assertEquals(2000, row.get("up").getAsLong(), "every check was up: " + row);
            assertTrue(row.get("loop_cpu_us_per_check").getAsDouble() > 0, "the loop thread's CPU was read: " + row);
        }
    }

    @Test
    void theCommandLineCheckerRunsInAChildJvmAndReportsItsRateAndCpu(@TempDir Path dir) throws Exception {
        assumeTrue(FootprintBenchmark.defaultAgentJar() != null,
                "agent/target/tcpshake.jar is not built: mvn -q -pl agent -am package -DskipTests");
        BenchRun run = BenchRun.succeeding(dir, "throughput", "--scenarios", "tcpshake-cli", "--checks", "2000",
                "--in-flight", "1,16");
        JsonObject document = run.json;
        assertEquals(2, document.getAsJsonArray("results").size(), "one row per in-flight count: " + document);
        for (JsonElement element : document.getAsJsonArray("results")) {
            JsonObject row = element.getAsJsonObject();
            assertEquals("tcpshake-cli", row.get("scenario").getAsString());
            assertEquals(2000, row.get("checks").getAsLong(), row.toString());
            assertEquals(2000, row.get("up").getAsLong(), "every check was up: " + row);
            assertTrue(row.get("checks_per_second").getAsDouble() > 0, row.toString());
            assertTrue(row.get("cpu_us_per_check").getAsDouble() > 0, "the child's CPU was read: " + row);
        }
    }
}
