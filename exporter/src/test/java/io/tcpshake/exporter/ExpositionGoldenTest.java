package io.tcpshake.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.exporter.common.TextFormat;
import io.tcpshake.core.TcpshakeVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/** The exposition of a fixed snapshot, byte for byte, in both formats Prometheus scrapes. */
class ExpositionGoldenTest {
    @Test
    void textFormatOfFixedSnapshotMatchesGoldenFile() throws IOException {
        assertMatchesGolden("fixed-snapshot.prom", exposition(TextFormat.CONTENT_TYPE_004));
    }

    @Test
    void openMetricsOfFixedSnapshotMatchesGoldenFile() throws IOException {
        assertMatchesGolden("fixed-snapshot.openmetrics", exposition(TextFormat.CONTENT_TYPE_OPENMETRICS_100));
    }

    @Test
    void textFormatOfEndpointsOwnWriterMatchesGoldenFile() throws IOException {
        assertMatchesGolden("fixed-snapshot.prom", endpointExposition(TextFormat.CONTENT_TYPE_004));
    }

    @Test
    void openMetricsOfEndpointsOwnWriterMatchesGoldenFile() throws IOException {
        assertMatchesGolden("fixed-snapshot.openmetrics", endpointExposition(TextFormat.CONTENT_TYPE_OPENMETRICS_100));
    }

    /** Through simpleclient: the collector in a registry, written by its TextFormat. */
    private static String exposition(String contentType) throws IOException {
        CollectorRegistry registry = new CollectorRegistry();
        registry.register(new TcpshakeCollector(new FixedMonitorView(Snapshots.fixed()), Snapshots.FAILED_RELOAD));
        StringWriter text = new StringWriter();
        TextFormat.writeFormat(contentType, text, registry.metricFamilySamples());
        return pinned(text.toString());
    }

    /** As /metrics writes it: the per-target families by its own writer, the rest by simpleclient's. */
    private static String endpointExposition(String contentType) throws IOException {
        TcpshakeCollector collector = new TcpshakeCollector(new FixedMonitorView(Snapshots.fixed()),
                Snapshots.FAILED_RELOAD);
        StringWriter text = new StringWriter();
        MetricsHandler.write(contentType, text, collector.scrape(), null);
        return pinned(text.toString());
    }

    private static String pinned(String text) {
        // The build info carries the build's version and commit and the running JDK's version; pin them so the
        // file fits every build and JDK.
        return text.replace("java_version=\"" + System.getProperty("java.version") + "\"",
                "java_version=\"JAVA\"").replace("version=\"" + TcpshakeVersion.version() + "\"",
                "version=\"VERSION\"").replace("commit=\"" + TcpshakeVersion.commit() + "\"", "commit=\"COMMIT\"");
    }

    /** On a mismatch the actual text is left in target/golden-actual/ to compare or adopt. */
    private static void assertMatchesGolden(String name, String actual) throws IOException {
        String expected = golden(name);
        if (!expected.equals(actual)) {
            Path copy = Paths.get("target", "golden-actual", name);
            Files.createDirectories(copy.getParent());
            Files.write(copy, actual.getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(expected, actual, "exposition differs from golden/" + name + "; actual text in target/golden-actual/");
    }

    private static String golden(String name) throws IOException {
        try (InputStream in = ExpositionGoldenTest.class.getResourceAsStream("golden/" + name)) {
            return in == null ? "(golden file golden/" + name + " is missing)" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
