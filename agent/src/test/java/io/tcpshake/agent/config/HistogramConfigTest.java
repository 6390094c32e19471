package io.tcpshake.agent.config;

import static io.tcpshake.agent.config.Yaml.errors;
import static io.tcpshake.agent.config.Yaml.lines;
import static io.tcpshake.agent.config.Yaml.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code exporter.histogram} and a target's {@code histogram:}: fewer series for a fleet. */
class HistogramConfigTest {
    @Test
    void everyTargetHasEveryBucketByDefault() throws Exception {
        AgentConfig config = parse(lines("targets: [\"127.0.0.1:1\"]"));

        assertTrue(config.histogramFor("127.0.0.1:1"));
        assertEquals(List.of(), config.exporter().histogramBuckets());
    }

    @Test
    void exporterTurnsThemOffAndATargetBackOn() throws Exception {
        AgentConfig config = parse(lines("exporter: {histogram: {enabled: false, buckets: [0.001, 0.01, 0.1]}}",
                "targets:", "  - {name: db, address: \"127.0.0.1:1\", histogram: true}", "  - \"127.0.0.1:2\""));

        assertTrue(config.histogramFor("db"));
        assertFalse(config.histogramFor("127.0.0.1:2"));
        assertEquals(List.of(0.001, 0.01, 0.1), config.exporter().histogramBuckets());
    }

    @Test
    void bucketTheMonitorDoesNotRecordIsRefusedWithItsPlace() {
        assertEquals(List.of("targets.yaml:1:34: histogram bucket 0.003 is not one the monitor records: choose among "
                + "0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10 "
                + "(seconds)", "targets.yaml:1:41: histogram bucket 'soon' is not a number of seconds"),
                errors(lines("exporter: {histogram: {buckets: [0.003, soon]}}", "targets: []")));
    }
}
