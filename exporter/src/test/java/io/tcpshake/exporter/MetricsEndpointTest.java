package io.tcpshake.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

import io.prometheus.client.Collector;
import io.prometheus.client.CollectorRegistry;
import io.tcpshake.core.monitor.LatencySummary;
import io.tcpshake.core.monitor.Target;
import io.tcpshake.core.monitor.TargetSnapshot;
import io.tcpshake.core.monitor.TargetState;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The endpoint over real HTTP on loopback: paths, formats, compression, threads, isolation. */
class MetricsEndpointTest {
    private MetricsEndpoint endpoint;

    @AfterEach
    void close() {
        if (endpoint != null) {
            endpoint.close();
        }
    }

    private MetricsEndpoint start(FixedMonitorView monitor) throws Exception {
        endpoint = MetricsEndpoint.builder(monitor).host("127.0.0.1").port(0).start();
        return endpoint;
    }

    @Test
    void scrapeServesTextFormatWithEveryTargetsState() throws Exception {
        start(new FixedMonitorView(Snapshots.fixed()));
        assertTrue(endpoint.port() > 0);
        assertEquals("http://127.0.0.1:" + endpoint.port() + "/metrics", endpoint.url());

        HttpResponse<String> response = Scrapes.get(endpoint.url());

        assertEquals(200, response.statusCode());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", response.headers().firstValue("Content-Type").orElse(""));
        assertTrue(response.headers().firstValue("Content-Length").isEmpty(),
                "streamed, so its length is not known first");
        String body = response.body();
        assertEquals(1.0, Scrapes.value(body, "tcpshake_target_up{target=\"db\""));
        assertEquals(0.0, Scrapes.value(body, "tcpshake_target_up{target=\"cache\""));
        assertEquals(0.0, Scrapes.value(body, "tcpshake_target_up{target=\"[::1]:6379\""));
        assertEquals(1.0, Scrapes.value(body, "tcpshake_target_state{target=\"[::1]:6379\",source=\"file\",state=\"unknown\""));
        assertEquals(0.0, Scrapes.value(body, "tcpshake_target_state{target=\"[::1]:6379\",source=\"file\",state=\"down\""));
        assertEquals(4.0, Scrapes.value(body, "tcpshake_checks_total{target=\"cache\",source=\"file\",outcome=\"refused\""));
        assertTrue(body.contains("tcpshake_build_info{version="), body);
    }

    @Test
    void aScrapeReadsTheTargetsOneByOneAndTakesNoWholeSnapshot() throws Exception {
        FixedMonitorView monitor = new FixedMonitorView(Snapshots.fixed());
        monitor.show(Snapshots.fixed(), 7);
        start(monitor);

        HttpResponse<String> response = Scrapes.get(endpoint.url());

        assertEquals(200, response.statusCode());
        assertEquals(1.0, Scrapes.value(response.body(), "tcpshake_target_up{target=\"db\""));
        assertEquals(7.0, Scrapes.value(response.body(), "tcpshake_checks_in_flight"));
        assertEquals(0, monitor.wholeSnapshots(), "every target's snapshot held at once (60 MB at 100,000 targets)");
    }

    @Test
    void ipv6LoopbackHostWorksAndTheUrlHasBrackets() throws Exception {
        endpoint = MetricsEndpoint.builder(new FixedMonitorView(Snapshots.fixed())).host("::1").port(0).start();

        assertEquals("http://[::1]:" + endpoint.port() + "/metrics", endpoint.url());
        assertEquals(200, Scrapes.get(endpoint.url()).statusCode());
    }

    @Test
    void headRequestGetsHeadersOnly() throws Exception {
        start(new FixedMonitorView(Snapshots.fixed()));

        HttpResponse<String> response = Scrapes.send(Scrapes.CLIENT, Scrapes.request(endpoint.url())
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());

        assertEquals(200, response.statusCode());
        assertEquals("", response.body());
    }

    @Test
    void openMetricsIsServedWhenTheScraperAsksForIt() throws Exception {
        start(new FixedMonitorView(Snapshots.fixed()));

        HttpResponse<String> response = Scrapes.send(Scrapes.CLIENT, Scrapes.request(endpoint.url())
                .header("Accept", "application/openmetrics-text; version=1.0.0; charset=utf-8").build());

        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/openmetrics-text"));
        assertTrue(response.body().contains("# TYPE tcpshake_checks counter\n"), response.body());
        assertTrue(response.body().endsWith("# EOF\n"));
    }

    @Test
    void scrapeIsGzippedWhenTheScraperAcceptsIt() throws Exception {
        start(new FixedMonitorView(Snapshots.fixed()));
        String plain = Scrapes.get(endpoint.url()).body();

        HttpResponse<byte[]> response = Scrapes.sendForBytes(Scrapes.request(endpoint.url())
                .header("Accept-Encoding", "gzip").build());

        assertEquals("gzip", response.headers().firstValue("Content-Encoding").orElse(""));
        assertEquals(plain, Scrapes.gunzip(response.body()));
    }

    @Test
    void nameParameterRestrictsTheScrapeToThoseMetrics() throws Exception {
        start(new FixedMonitorView(Snapshots.fixed()));

        String body = Scrapes.get(endpoint.url() + "?name[]=tcpshake_target_up&name[]=tcpshake_checks_in_flight").body();

        Set<String> names = body.lines().filter(l -> !l.startsWith("#"))
                .map(l -> l.split("[{ ]")[0]).collect(Collectors.toSet());
        assertEquals(Set.of("tcpshake_target_up", "tcpshake_checks_in_flight"), names);
    }

    @Test
    void healthyPathAnswersOk() throws Exception {
        start(new FixedMonitorView(Snapshots.fixed()));

        HttpResponse<String> response = Scrapes.get(base() + "-/healthy");

        assertEquals(200, response.statusCode());
        assertEquals("Exporter is Healthy.\n", response.body());
    }

    @Test
    void aFailingSnapshotIsA500ThatSaysWhyAndTheEndpointServesOn() throws Exception {
        FixedMonitorView monitor = new FixedMonitorView(Snapshots.fixed());
        start(monitor);
        Logger logger = Logger.getLogger("io.tcpshake.exporter");
        List<LogRecord> logged = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                synchronized (logged) {
                    logged.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(capture);
        try {
            monitor.failWith(new IllegalStateException("snapshot broke"));

            HttpResponse<String> failed = Scrapes.get(endpoint.url());
            HttpResponse<String> page = Scrapes.get(base());

            assertEquals(500, failed.statusCode());
            assertTrue(failed.body().contains("snapshot broke"), failed.body());
            assertEquals(500, page.statusCode());
            assertEquals(200, Scrapes.get(base() + "-/healthy").statusCode());
            synchronized (logged) {
                assertEquals(2, logged.size(), logged.toString());
                assertEquals(Level.WARNING, logged.get(0).getLevel());
            }
            monitor.failWith(null);
            assertEquals(200, Scrapes.get(endpoint.url()).statusCode());
        } finally {
            logger.removeHandler(capture);
        }
    }

    @Test
    void otherMethodsThanGetAreRefused() throws Exception {
        start(new FixedMonitorView(Snapshots.fixed()));

        HttpResponse<String> response = Scrapes.send(Scrapes.CLIENT, Scrapes.request(endpoint.url())
                .POST(HttpRequest.BodyPublishers.ofString("x")).build());

        assertEquals(405, response.statusCode());
    }

    @Test
    void hostApplicationsDefaultRegistryAndSystemPropertiesStayUntouched() throws Exception {
        start(new FixedMonitorView(Snapshots.fixed()));
        assertEquals(200, Scrapes.get(endpoint.url()).statusCode());

        List<Collector.MetricFamilySamples> defaults = Collections.list(CollectorRegistry.defaultRegistry.metricFamilySamples());
        assertTrue(defaults.stream().noneMatch(f -> f.name.startsWith("tcpshake")), defaults.toString());
        assertNull(System.getProperty("sun.net.httpserver.maxReqTime"));
        assertNull(System.getProperty("sun.net.httpserver.maxRspTime"));
    }

    @Test
    void serverThreadsAreFewNamedDaemonsAndGoneAfterClose() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        start(new FixedMonitorView(Snapshots.fixed()));
        for (int i = 0; i < 10; i++) {
            assertEquals(200, Scrapes.get(endpoint.url()).statusCode());
        }

        // Every thread the endpoint started (the test's HTTP client has threads of its own).
        List<Thread> started = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && !t.getName().startsWith("HttpClient-"))
                .collect(Collectors.toList());
        assertTrue(started.stream().allMatch(t -> t.getName().startsWith("tcpshake-exporter-")), started.toString());
        assertTrue(started.stream().allMatch(Thread::isDaemon), started.toString());
        assertTrue(exporterThreads().size() <= HandlerPool.THREADS + 3, exporterThreads().toString());
        assertTrue(exporterThreads().stream().anyMatch(t -> t.getName().contains("Dispatcher")),
                "the JDK's dispatcher thread carries a tcpshake name: " + exporterThreads());

        endpoint.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> exporterThreads().isEmpty());
    }

    @Test
    void handlerThreadsEndWhenIdleAndOnlyTheJdkServerThreadsStay() throws Exception {
        start(new FixedMonitorView(Snapshots.fixed()));
        assertEquals(200, Scrapes.get(endpoint.url()).statusCode());
        assertTrue(exporterThreads().stream().anyMatch(t -> t.getName().matches("tcpshake-exporter-\\d+")),
                "a scrape is handled on a handler thread: " + exporterThreads());

        await().atMost(Duration.ofSeconds(HandlerPool.KEEP_ALIVE_SECONDS + 10))
                .until(() -> exporterThreads().stream().noneMatch(t -> t.getName().matches("tcpshake-exporter-\\d+")));
        List<String> idle = exporterThreads().stream().map(Thread::getName).sorted().collect(Collectors.toList());
        assertTrue(idle.contains("tcpshake-exporter-HTTP-Dispatcher") && idle.size() <= 2,
                "between scrapes only the JDK's dispatcher and timer: " + idle);
        assertEquals(200, Scrapes.get(endpoint.url()).statusCode(), "a handler comes back for the next scrape");
    }

    private static List<Thread> exporterThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> t.getName().startsWith("tcpshake-exporter")).collect(Collectors.toList());
    }

    private String base() {
        return "http://127.0.0.1:" + endpoint.port() + "/";
    }
}
