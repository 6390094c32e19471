package io.tcpshake.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * footprint starts child JVMs with and without the agent. The agent jar is built by the agent module
 * ({@code mvn -q -pl agent -am package}); without it only the clear error is checked.
 */
class FootprintBenchmarkSmokeTest {
    @Test
    void missingAgentJarIsAClearErrorNamingTheBuildCommand(@TempDir Path dir) {
        BenchRun run = BenchRun.run("footprint", "--agent", dir.resolve("nowhere/tcpshake.jar").toString());

        assertEquals(2, run.exitCode);
        assertTrue(run.err.contains("agent jar not found at " + dir.resolve("nowhere/tcpshake.jar")), run.err);
        assertTrue(run.err.contains("mvn -q -pl agent -am package -DskipTests"), run.err);
    }

    @Test
    void oneRunEachMeasuresStartUpThreadsAndHeap(@TempDir Path dir) throws Exception {
        assumeTrue(FootprintBenchmark.defaultAgentJar() != null,
                "agent/target/tcpshake.jar is not built: mvn -q -pl agent -am package -DskipTests");
        BenchRun run = BenchRun.succeeding(dir, "footprint", "--runs", "1");

        assertTrue(run.out.contains("start-up to \"ready\""), "prints the table");
        assertTrue(run.json.get("ready_ms_without_agent").getAsDouble() > 0);
        assertTrue(run.json.get("ready_ms_with_agent").getAsDouble() > 0);
        assertTrue(run.json.get("heap_used_with_agent").getAsLong() > 0);
        List<String> added = names(run.json.getAsJsonArray("threads_added"));
        assertTrue(added.stream().anyMatch(name -> name.equals("tcpshake-loop")),
                "the agent's checking loop is among the added threads: " + added);
        assertTrue(run.json.get("agent_line").getAsString().startsWith("tcpshake: monitoring 2 targets"));
        // Issue 9's figure is printed, not asserted as a goal; but the loop is always among the steady threads,
        // and the exporter's JDK server threads only when it is on.
        List<String> steadyOn = names(run.json.getAsJsonArray("agent_threads_steady_exporter_on"));
        List<String> steadyOff = names(run.json.getAsJsonArray("agent_threads_steady_exporter_off"));
        assertTrue(steadyOn.contains("tcpshake-loop"), steadyOn.toString());
        assertTrue(steadyOn.contains("tcpshake-exporter-HTTP-Dispatcher"), steadyOn.toString());
        assertTrue(steadyOff.contains("tcpshake-loop"), steadyOff.toString());
        assertTrue(steadyOff.stream().noneMatch(name -> name.startsWith("tcpshake-exporter")), steadyOff.toString());
    }

    private static List<String> names(JsonArray array) {
        List<String> names = new ArrayList<>();
        for (JsonElement name : array) {
            names.add(name.getAsString());
        }
        return names;
    }
}
