package io.tcpshake.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    void theRawEngineScenarioRunsWhereItMayAndIsSkippedSayingWhyElsewhere(@TempDir Path dir) throws Exception {
        BenchRun run = BenchRun.succeeding(dir, "throughput", "--scenarios", "tcpshake-raw,tcpshake-epoll",
                "--checks", "2000", "--in-flight", "1,16");
        String reason = io.tcpshake.core.internal.raw.RawEngine.unavailabilityReason();
        if (reason != null) {
            assertTrue(run.out.contains("skipped tcpshake-raw: " + reason), run.out);
            return;
        }
        for (JsonElement element : run.json.getAsJsonArray("results")) {
            JsonObject row = element.getAsJsonObject();
            assertEquals(2000, row.get("up").getAsLong(), "every check was up: " + row);
            assertEquals(0, row.get("accepted_all_rounds").getAsLong(), "nothing accepted: " + row);
        }
        assertEquals(4, run.json.getAsJsonArray("results").size(), run.json.toString());
    }

    /**
     * The median of the rounds' ratios is the median of what each round printed: the scenario's rate over
     * the baseline's in the same round.
     */
    @Test
    void theMedianRoundRatioIsTheMedianOfEachRoundsOwnRatio(@TempDir Path dir) throws Exception {
        BenchRun run = BenchRun.succeeding(dir, "throughput", "--scenarios", "java-blocking-socket,tcpshake-nio",
                "--checks", "2000", "--in-flight", "4", "--rounds", "3");
        Map<String, Map<Integer, Double>> printed = new HashMap<>();
        Matcher line = Pattern.compile("round (\\d+)\\s+(\\S+)\\s+in-flight\\s+4\\s+([\\d,]+) checks/s").matcher(run.out);
        while (line.find()) {
            printed.computeIfAbsent(line.group(2), scenario -> new HashMap<>())
                    .put(Integer.parseInt(line.group(1)), Double.parseDouble(line.group(3).replace(",", "")));
        }
        List<Double> ratios = new ArrayList<>();
        for (int round = 1; round <= 3; round++) {
            ratios.add(printed.get("tcpshake-nio").get(round) / printed.get("java-blocking-socket").get(round));
        }
        Collections.sort(ratios);

        assertEquals(3, run.json.get("rounds").getAsInt());
        for (JsonElement element : run.json.getAsJsonArray("results")) {
            JsonObject row = element.getAsJsonObject();
            double median = row.get("median_round_ratio_to_java_blocking_socket").getAsDouble();
            if (row.get("scenario").getAsString().equals("java-blocking-socket")) {
                assertEquals(1.0, median, 1e-9, row.toString());
            } else {
                assertEquals(ratios.get(1), median, ratios.get(1) * 0.01, "printed ratios " + ratios + ": " + row);
                assertTrue(row.get("median_round_cpu_ratio_to_java_blocking_socket").getAsDouble() > 0, row.toString());
            }
        }
        assertTrue(run.out.contains("med x reuse"), "the table has the median columns");
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
