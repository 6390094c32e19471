package io.tcpshake.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Wrong passwords against a bcrypt hash of cost 10 (~70 ms of CPU each), 16 at a time, while the scraper
 * with the right password goes on. Prints what it measured; asserts only generous bounds.
 */
class PasswordFloodTest {
    private static final String USER = "prometheus";
    private static final String PASSWORD = "the right one";
    private static final int ATTEMPTS = 100;
    private static final int AT_ONCE = 16;
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    @Test
    void wrongPasswordFloodCostsAboutOneCoreAndTheScraperStillGetsIn() throws Exception {
        String bcrypt = BCrypt.with(BCrypt.Version.VERSION_2B).hashToString(10, PASSWORD.toCharArray());
        try (MetricsEndpoint endpoint = MetricsEndpoint.builder(new FixedMonitorView(Snapshots.fixed()))
                .host("127.0.0.1").port(0).basicAuth(USER, bcrypt).start()) {
            // The scraper got in before the flood, as Prometheus does; a few guesses warm the JIT up.
            assertEquals(200, scrape(endpoint, PASSWORD).statusCode());
            for (int i = 0; i < 3; i++) {
                assertEquals(401, scrape(endpoint, "warm-up " + i).statusCode());
            }

            long oneHashNanos = cpuOfOneHash(bcrypt);
            Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
            AtomicInteger guesses = new AtomicInteger();
            List<Long> scrapeMillis = new ArrayList<>();
            ExecutorService attackers = Executors.newFixedThreadPool(AT_ONCE);
            long startCpu = OS.getProcessCpuTime();
            long start = System.nanoTime();
            List<Future<?>> attacks = new ArrayList<>();
            for (int i = 0; i < AT_ONCE; i++) {
                attacks.add(attackers.submit(() -> {
                    for (int n = guesses.incrementAndGet(); n <= ATTEMPTS; n = guesses.incrementAndGet()) {
                        int status = scrape(endpoint, "guess " + n).statusCode();
                        statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                    }
                }));
            }
            while (attacks.stream().anyMatch(attack -> !attack.isDone())) {
                long scrapeStart = System.nanoTime();
                assertEquals(200, scrape(endpoint, PASSWORD).statusCode(), "the right password during the flood");
                scrapeMillis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - scrapeStart));
            }
            long wallNanos = System.nanoTime() - start;
            long cpuNanos = OS.getProcessCpuTime() - startCpu;
            for (Future<?> attack : attacks) {
                attack.get();
            }
            attackers.shutdown();

            double cores = (double) cpuNanos / wallNanos;
            long slowest = scrapeMillis.stream().mapToLong(Long::longValue).max().orElse(0);
            System.out.printf(Locale.ROOT, "wrong-password flood (one bcrypt: %.0f ms CPU): %d attempts, %d at a time, answers %s;"
                    + " process CPU %.2f s over %.2f s = %.2f cores; %d right-password scrapes meanwhile,"
                    + " median %d ms, slowest %d ms%n", oneHashNanos / 1e6, ATTEMPTS, AT_ONCE, statuses, cpuNanos / 1e9,
                    wallNanos / 1e9, cores, scrapeMillis.size(), median(scrapeMillis), slowest);

            int answered = statuses.values().stream().mapToInt(AtomicInteger::get).sum();
            assertEquals(ATTEMPTS, answered);
            assertTrue(statuses.keySet().stream().allMatch(status -> status == 401 || status == 429), statuses.toString());
            assertTrue(statuses.containsKey(401), "some guesses were checked: " + statuses);
            // Guesses beyond the few that wait are refused (429) without a hash: however loaded the machine,
            // the flood costs far less than hashing every guess would.
            assertTrue(cpuNanos < ATTEMPTS * oneHashNanos / 2, String.format(Locale.ROOT,
                    "%.2f s of CPU for %d guesses at %.0f ms each: guesses were not refused",
                    cpuNanos / 1e9, ATTEMPTS, oneHashNanos / 1e6));
            // One bcrypt at a time is one core; the rest (HTTP on both sides, GC, JIT) gets generous room.
            assertTrue(cpuNanos < 1.3 * wallNanos + TimeUnit.SECONDS.toNanos(1), String.format(Locale.ROOT,
                    "%.2f s of CPU in %.2f s: more than one core", cpuNanos / 1e9, wallNanos / 1e9));
            assertTrue(slowest < 3_000, "the right password waited " + slowest + " ms");
        }
    }

    private static HttpResponse<String> scrape(MetricsEndpoint endpoint, String password) {
        return Scrapes.send(Scrapes.CLIENT, Scrapes.withBasicAuth(Scrapes.request(endpoint.url()), USER, password)
                .timeout(Duration.ofSeconds(30)).build());
    }

    private static long cpuOfOneHash(String bcrypt) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();
        assertTrue(PasswordHash.parse(bcrypt).matches(PASSWORD));
        return threads.getCurrentThreadCpuTime() - start;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
    }
}
