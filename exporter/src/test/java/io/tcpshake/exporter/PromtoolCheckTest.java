package io.tcpshake.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tcpshake.core.testing.Promtool;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Prometheus' linter on a live scrape that has every metric: labels that need escaping, unknown and
 * never-checked targets, the reload metrics. (LiveMonitorScrapeTest lints a real monitor's scrape too.)
 */
class PromtoolCheckTest {
    @Test
    void promtoolFindsNothingInALiveScrapeWithEveryMetric() throws Exception {
        String missing = Promtool.unavailableReason();
        Assumptions.assumeTrue(missing == null, missing);
        try (MetricsEndpoint endpoint = MetricsEndpoint.builder(new FixedMonitorView(Snapshots.fixed()))
                .reloadControl(Snapshots.FAILED_RELOAD).host("127.0.0.1").port(0).start()) {
            HttpResponse<String> scrape = Scrapes.get(endpoint.url());
            assertEquals(200, scrape.statusCode());

            Promtool.Result lint = Promtool.checkMetrics(scrape.body());

            assertEquals(0, lint.exitCode, lint.toString());
            assertEquals("", lint.output.trim(), "promtool check metrics found problems");
        }
    }
}
