package io.tcpshake.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.prometheus.client.Collector;
import io.prometheus.client.exporter.common.TextFormat;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * What a scrape costs for 1,000 and 10,000 targets: collection (snapshot to samples), writing the text,
 * and a whole HTTP scrape over loopback. Printed, never asserted: timings on a shared machine vary.
 */
class ScrapeCostTest {
    private static final int RUNS = 7;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @Test
    void printScrapeCostFor1000And10000Targets() throws Exception {
        for (int targets : new int[] {1_000, 10_000}) {
            FixedMonitorView monitor = new FixedMonitorView(Snapshots.many(targets));
            TcpshakeCollector collector = new TcpshakeCollector(monitor, null);

            long[] collect = new long[RUNS];
            long[] collectCpu = new long[RUNS];
            long[] write = new long[RUNS];
            long[] writeCpu = new long[RUNS];
            int samples = 0;
            int bytes = 0;
            for (int run = 0; run < RUNS; run++) {
                long start = System.nanoTime();
                long startCpu = THREADS.getCurrentThreadCpuTime();
                List<Collector.MetricFamilySamples> families = collector.collect();
                collect[run] = System.nanoTime() - start;
                collectCpu[run] = THREADS.getCurrentThreadCpuTime() - startCpu;
                samples = families.stream().mapToInt(f -> f.samples.size()).sum();
                start = System.nanoTime();
                startCpu = THREADS.getCurrentThreadCpuTime();
                bytes = writeText(collector);
                write[run] = System.nanoTime() - start;
                writeCpu[run] = THREADS.getCurrentThreadCpuTime() - startCpu;
            }
            assertEquals(targets * 33 + 2, samples, "samples per target: up, 3 states, last success, 19 histogram,"
                    + " 6 outcomes, changes, 2 timestamps; plus in-flight and build info");

            long[] http = new long[3];
            int httpBytes = 0;
            try (MetricsEndpoint endpoint = MetricsEndpoint.builder(monitor).host("127.0.0.1").port(0).start()) {
                for (int run = 0; run < http.length; run++) {
                    long start = System.nanoTime();
                    HttpResponse<String> response = Scrapes.get(endpoint.url());
                    http[run] = System.nanoTime() - start;
                    assertEquals(200, response.statusCode());
                    httpBytes = response.body().length();
                }
            }
            System.out.println(String.format(Locale.ROOT,
                    "scrape cost, %,d targets (%,d samples, %,d bytes of text): collect median %.1f ms wall,"
                            + " %.1f ms CPU (min %.1f wall); collect + write text (a scrape's work) median %.1f ms"
                            + " wall, %.1f ms CPU; whole HTTP scrape median %.1f ms wall (min %.1f, %,d chars);"
                            + " system load average %.1f on %d CPUs",
                    targets, samples, bytes, median(collect), median(collectCpu), min(collect),
                    median(collect) + median(write), median(collectCpu) + median(writeCpu), median(http), min(http),
                    httpBytes, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    Runtime.getRuntime().availableProcessors()));
        }
    }

    private static int writeText(TcpshakeCollector collector) throws IOException {
        // As the endpoint writes it.
        TextBuffer text = new TextBuffer(1 << 20);
        MetricsHandler.write(TextFormat.CONTENT_TYPE_004, text, collector.scrape(), null);
        text.close();
        return text.length();
    }

    private static double median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2] / 1e6;
    }

    private static double min(long[] nanos) {
        return Arrays.stream(nanos).min().orElse(0) / 1e6;
    }
}
