package io.tcpshake.exporter;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tcpshake.core.monitor.Monitor;
import io.tcpshake.core.monitor.Target;
import io.tcpshake.core.testing.LoopbackTargets;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** 8 threads scraping for 5 s while the monitor's targets are replaced again and again. */
class ConcurrentScrapeTest {
    private static final int SCRAPERS = 8;
    private static final Duration RUN = Duration.ofSeconds(5);

    @Test
    void scrapingWhileTargetsAreReloadedNeverFailsNorLogsAnError() throws Exception {
        // tcpshake's own loggers and the JDK HTTP server's.
        List<Logger> loggers = List.of(Logger.getLogger("io.tcpshake"), Logger.getLogger("com.sun.net.httpserver"));
        LogCapture warnings = new LogCapture();
        loggers.forEach(logger -> logger.addHandler(warnings));
        try (LoopbackTargets loopback = new LoopbackTargets();
                // Reloading ~50 times a second restarts many schedules at once; the default cap of 1000
                // checks/s would then (rightly) warn. This test is about scrapes, so the cap is lifted.
                Monitor monitor = Monitor.builder().maxChecksPerSecond(100_000).build()) {
            InetSocketAddress up = loopback.upListener(LoopbackTargets.V4).address();
            InetSocketAddress refused = loopback.refusedAddress(LoopbackTargets.V4);
            List<List<Target>> configurations = List.of(targets("a", 40, up, refused), targets("b", 25, up, refused),
                    targets("a", 10, refused, up));
            monitor.replaceAll(configurations.get(0));
            monitor.start();
            try (MetricsEndpoint endpoint = MetricsEndpoint.builder(monitor).host("127.0.0.1").port(0).start()) {
                AtomicBoolean running = new AtomicBoolean(true);
                AtomicLong scrapes = new AtomicLong();
                ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
                List<Thread> scrapers = new ArrayList<>();
                for (int i = 0; i < SCRAPERS; i++) {
                    Thread scraper = new Thread(() -> scrapeUntilStopped(endpoint, running, scrapes, failures),
                            "test-scraper-" + i);
                    scraper.start();
                    scrapers.add(scraper);
                }

                long reloads = 0;
                long end = System.nanoTime() + RUN.toNanos();
                while (System.nanoTime() < end && failures.isEmpty()) {
                    monitor.replaceAll(configurations.get((int) (++reloads % configurations.size())));
                    long seen = scrapes.get();
                    // Pace the reloads by the scrapes: each reload is seen by a round of scrapes.
                    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(2))
                            .until(() -> scrapes.get() >= seen + SCRAPERS / 2 || !failures.isEmpty());
                }
                running.set(false);
                for (Thread scraper : scrapers) {
                    scraper.join(30_000);
                }

                System.out.println("concurrent scrape test: " + scrapes.get() + " scrapes by " + SCRAPERS
                        + " threads, " + reloads + " reloads in " + RUN.toSeconds() + " s");
                assertEquals(List.of(), new ArrayList<>(failures));
                assertTrue(scrapes.get() > SCRAPERS, "too few scrapes: " + scrapes.get());
                assertTrue(reloads > 10, "too few reloads: " + reloads);
                assertEquals(List.of(), warnings.records(), "warnings or errors logged during the run");
            }
        } finally {
            loggers.forEach(logger -> logger.removeHandler(warnings));
        }
    }

    private static void scrapeUntilStopped(MetricsEndpoint endpoint, AtomicBoolean running, AtomicLong scrapes,
            ConcurrentLinkedQueue<String> failures) {
        while (running.get()) {
            try {
                HttpResponse<String> response = Scrapes.get(endpoint.url());
                String body = response.body();
                if (response.statusCode() != 200 || !body.contains("tcpshake_build_info{")
                        || !body.contains("tcpshake_checks_in_flight ")) {
                    failures.add("status " + response.statusCode() + ": " + body);
                    return;
                }
                scrapes.incrementAndGet();
            } catch (RuntimeException e) {
                failures.add(e.toString());
                return;
            }
        }
    }

    private static List<Target> targets(String prefix, int count, InetSocketAddress first, InetSocketAddress second) {
        List<Target> targets = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            InetSocketAddress address = i % 2 == 0 ? first : second;
            targets.add(Target.builder("127.0.0.1", address.getPort()).name(prefix + i)
                    .label("set", prefix).label("parity", i % 2 == 0 ? "even" : "odd")
                    .interval(Duration.ofMillis(200 + 10 * (i % 5))).timeout(Duration.ofMillis(500))
                    .rise(1).fall(1).build());
        }
        return targets;
    }

    /** Collects log records at WARNING and above. */
    private static final class LogCapture extends Handler {
        private final ConcurrentLinkedQueue<String> records = new ConcurrentLinkedQueue<>();

        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                records.add(record.getLoggerName() + " " + record.getLevel() + ": " + record.getMessage()
                        + (record.getThrown() == null ? "" : " " + record.getThrown()));
            }
        }

        List<String> records() {
            return new ArrayList<>(records);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
