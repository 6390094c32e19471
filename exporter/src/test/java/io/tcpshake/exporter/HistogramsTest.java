package io.tcpshake.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.client.Collector.MetricFamilySamples;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Histograms chosen per target and by bucket, as a fleet trims its series. */
class HistogramsTest {
    @Test
    void chosenBucketsAndInfinityAreTheOnlyOnes() {
        TcpshakeCollector collector = new TcpshakeCollector(new FixedMonitorView(Snapshots.fixed()), null,
                Histograms.of(new double[] {0.01, 0.001}, name -> true));

        List<String> bounds = new java.util.ArrayList<>();
        for (MetricFamilySamples.Sample sample : family(collector, "tcpshake_check_duration_seconds").samples) {
            if (sample.name.endsWith("_bucket") && sample.labelValues.get(0).equals("db")) {
                bounds.add(sample.labelValues.get(sample.labelValues.size() - 1));
            }
        }
        assertEquals(List.of("0.001", "0.01", "+Inf"), bounds);
    }

    @Test
    void targetWithItsHistogramOffHasNoDurationSeries() {
        TcpshakeCollector collector = new TcpshakeCollector(new FixedMonitorView(Snapshots.fixed()), null,
                Histograms.of(new double[] {0.001}, name -> !name.equals("db")));

        List<MetricFamilySamples.Sample> samples = family(collector, "tcpshake_check_duration_seconds").samples;
        assertTrue(samples.stream().noneMatch(s -> s.labelValues.get(0).equals("db")));
        assertTrue(samples.stream().anyMatch(s -> s.labelValues.get(0).equals("cache")));
        assertFalse(new TcpshakeCollector(new FixedMonitorView(Snapshots.fixed()), null, Histograms.OFF).collect()
                .stream().anyMatch(f -> !f.samples.isEmpty() && f.name.equals("tcpshake_check_duration_seconds")));
    }

    @Test
    void boundTheMonitorDoesNotRecordIsRefusedWithTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Histograms.of(new double[] {0.003}, name -> true));
        assertEquals("histogram bucket 0.003 is not one the monitor records: choose among 0.0001, 0.00025, 0.0005, "
                + "0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10 (seconds)",
                e.getMessage());
    }

    private static MetricFamilySamples family(TcpshakeCollector collector, String name) {
        return collector.collect().stream().filter(f -> f.name.equals(name)).findFirst().orElseThrow();
    }
}
