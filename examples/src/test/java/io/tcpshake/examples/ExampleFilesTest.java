package io.tcpshake.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.tcpshake.core.testing.Promtool;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The example Prometheus, alerting and Grafana files are valid and speak only of tcpshake's series. */
class ExampleFilesTest {
    private static final Path PROMETHEUS = Path.of("prometheus");
    /** A metric selector (a name followed by a label matcher) or the metric of Grafana's label_values(). */
    private static final Pattern SELECTOR = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*\\{|label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*,");

    @Test
    void alertRulesPassPromtoolCheck() throws Exception {
        Promtool.Result result = promtoolSucceeds("check", "rules", "alerts.yml");
        assertTrue(result.output.contains("SUCCESS: 5 rules found"), result.output);
    }

    @Test
    void alertRulesPassTheirUnitTests() throws Exception {
        promtoolSucceeds("test", "rules", "alerts.test.yml");
    }

    @Test
    void prometheusConfigPassesPromtoolCheck() throws Exception {
        promtoolSucceeds("check", "config", "prometheus.yml");
    }

    @Test
    void blackboxStyleProbeJobPassesPromtoolCheck() throws Exception {
        promtoolSucceeds("check", "config", "probe.yml");
    }

    /** Runs promtool in examples/prometheus (skipping when it is not installed) and asserts it exits 0. */
    private static Promtool.Result promtoolSucceeds(String... args) throws Exception {
        String missing = Promtool.unavailableReason();
        assumeTrue(missing == null, missing);
        Promtool.Result result = Promtool.run(PROMETHEUS, args);
        System.out.println(result.output);
        assertEquals(0, result.exitCode, result.output);
        return result;
    }

    @Test
    void grafanaDashboardIsValidJsonQueryingOnlyTcpshakeSeries() throws Exception {
        JsonObject dashboard = JsonParser.parseString(new String(
                Files.readAllBytes(Path.of("grafana", "tcpshake-dashboard.json")), StandardCharsets.UTF_8))
                .getAsJsonObject();
        List<String> expressions = new ArrayList<>();
        for (JsonElement panel : dashboard.getAsJsonArray("panels")) {
            JsonArray targets = panel.getAsJsonObject().getAsJsonArray("targets");
            targets.forEach(target -> expressions.add(target.getAsJsonObject().get("expr").getAsString()));
        }
        dashboard.getAsJsonObject("templating").getAsJsonArray("list").forEach(variable ->
                expressions.add(variable.getAsJsonObject().get("definition").getAsString()));

        assertTrue(expressions.size() >= 10, "state timeline, heatmap, failures by outcome and more");
        List<String> panelTypes = new ArrayList<>();
        dashboard.getAsJsonArray("panels").forEach(p -> panelTypes.add(p.getAsJsonObject().get("type").getAsString()));
        assertTrue(panelTypes.contains("state-timeline") && panelTypes.contains("heatmap"), panelTypes.toString());
        for (String expression : expressions) {
            Matcher selector = SELECTOR.matcher(expression);
            boolean any = false;
            while (selector.find()) {
                any = true;
                String metric = selector.group(1) != null ? selector.group(1) : selector.group(2);
                assertTrue(metric.startsWith("tcpshake_"), "not a tcpshake series (" + metric + ") in: " + expression);
            }
            assertTrue(any, "every query selects a tcpshake series: " + expression);
            assertFalse(expression.contains("__name__"), expression);
        }
    }
}
