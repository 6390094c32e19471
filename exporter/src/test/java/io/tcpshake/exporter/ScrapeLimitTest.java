package io.tcpshake.exporter;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** However many handler threads the endpoint has, only a few scrapes build their text at once; {@link LimitedHandler}. */
class ScrapeLimitTest {
    private static final int SCRAPES = 8;

    @Test
    void atMostThreeScrapesAreBuiltAtOnceAndTheOthersWaitTheirTurn() throws Exception {
        FixedMonitorView monitor = new FixedMonitorView(Snapshots.fixed());
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger building = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        monitor.beforeSnapshot(() -> {
            mostAtOnce.accumulateAndGet(building.incrementAndGet(), Math::max);
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                building.decrementAndGet();
            }
        });
        try (MetricsEndpoint endpoint = MetricsEndpoint.builder(monitor).host("127.0.0.1").port(0).start()) {
            List<CompletableFuture<HttpResponse<String>>> scrapes = new ArrayList<>();
            for (int i = 0; i < SCRAPES; i++) {
                scrapes.add(Scrapes.CLIENT.sendAsync(Scrapes.request(endpoint.url()).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }

            // Every scrape is on a handler thread: three in the snapshot, the rest waiting for a turn.
            await().atMost(Duration.ofSeconds(20)).until(() -> building.get() == MetricsEndpoint.SCRAPES_AT_ONCE
                    && handlersWaitingForATurn() == SCRAPES - MetricsEndpoint.SCRAPES_AT_ONCE);
            release.countDown();

            for (CompletableFuture<HttpResponse<String>> scrape : scrapes) {
                assertEquals(200, scrape.get(30, TimeUnit.SECONDS).statusCode());
            }
            assertEquals(MetricsEndpoint.SCRAPES_AT_ONCE, mostAtOnce.get());
        }
    }

    @Test
    void aRequestThatWaitsTooLongForItsTurnIs503WithRetryAfter() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        HttpHandler slow = exchange -> {
            entered.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
                Responses.text(exchange, 200, "text/plain", "done\n");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
            }
        };
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        server.createContext("/", new LimitedHandler(slow, 1, 200));
        server.setExecutor(threads);
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
            CompletableFuture<HttpResponse<String>> first = Scrapes.CLIENT.sendAsync(Scrapes.request(url).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(entered.await(20, TimeUnit.SECONDS));

            HttpResponse<String> second = Scrapes.get(url);

            assertEquals(503, second.statusCode());
            assertEquals("1", second.headers().firstValue("Retry-After").orElse(""));
            release.countDown();
            assertEquals(200, first.get(30, TimeUnit.SECONDS).statusCode());
        } finally {
            server.stop(0);
            threads.shutdownNow();
        }
    }

    private static long handlersWaitingForATurn() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(thread -> thread.getKey().getName().matches("tcpshake-exporter-\\d+"))
                .filter(thread -> Arrays.stream(thread.getValue())
                        .anyMatch(frame -> frame.getClassName().equals(LimitedHandler.class.getName())))
                .filter(thread -> Arrays.stream(thread.getValue())
                        .anyMatch(frame -> frame.getMethodName().equals("tryAcquire")))
                .count();
    }
}
