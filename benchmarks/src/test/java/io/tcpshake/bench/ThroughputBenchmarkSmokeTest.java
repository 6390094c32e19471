package io.tcpshake.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A few seconds of the throughput benchmark so it never rots. It asserts that every scenario ran and
 * printed sane numbers, never a speed: this machine is shared and noisy.
 */
class ThroughputBenchmarkSmokeTest {
    @Test
    void shortRunMeasuresEveryAvailableScenario(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("throughput.json");
        StringWriter out = new StringWriter();
        CommandLine cli = BenchMain.commandLine();
        cli.setOut(new PrintWriter(out, true));
        int exit = cli.execute("throughput", "--checks", "2000", "--in-flight", "1,16", "--json", json.toString());
        System.out.println(out);

        assertEquals(0, exit, out.toString());
        assertTrue(out.toString().contains("checks/s"), "prints a table");
        JsonObject document = JsonParser.parseString(
                new String(Files.readAllBytes(json), StandardCharsets.UTF_8)).getAsJsonObject();
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
        Path json = dir.resolve("jna.json");
        StringWriter out = new StringWriter();
        CommandLine cli = BenchMain.commandLine();
        cli.setOut(new PrintWriter(out, true));
        int exit = cli.execute("throughput", "--scenarios", "jna-halfopen-reuse,tcpshake-epoll", "--checks", "2000",
                "--in-flight", "1,16", "--rounds", "2", "--json", json.toString());
        System.out.println(out);

        assertEquals(0, exit, out.toString());
        JsonObject document = JsonParser.parseString(
                new String(Files.readAllBytes(json), StandardCharsets.UTF_8)).getAsJsonObject();
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
        Path json = dir.resolve("cli.json");
        StringWriter out = new StringWriter();
        CommandLine cli = BenchMain.commandLine();
        cli.setOut(new PrintWriter(out, true));
        int exit = cli.execute("throughput", "--scenarios", "tcpshake-cli", "--checks", "2000", "--in-flight", "1,16",
                "--json", json.toString());
        System.out.println(out);

        assertEquals(0, exit, out.toString());
        JsonObject document = JsonParser.parseString(
                new String(Files.readAllBytes(json), StandardCharsets.UTF_8)).getAsJsonObject();
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
