package io.tcpshake.exporter;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tcpshake.core.testing.LoopbackTargets;
import io.tcpshake.core.monitor.Monitor;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /probe} over real HTTP and a real monitor, against loopback listeners only. */
class ProbeEndpointTest {
    private static final String USER = "prometheus";
    private static final String PASSWORD = "s3cret";

    private final LoopbackTargets targets = new LoopbackTargets();
    private Monitor monitor;
    private MetricsEndpoint endpoint;

    @BeforeEach
    void start() throws Exception {
        monitor = Monitor.builder().build();
        monitor.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (endpoint != null) {
            endpoint.close();
        }
        monitor.close();
        targets.close();
    }

    private String probeUrl(ProbePolicy policy, String query) throws Exception {
        endpoint = MetricsEndpoint.builder(monitor).host("127.0.0.1").port(0).probe(policy).start();
        return endpoint.url().replace("/metrics", "/probe?" + query);
    }

    @Test
    void upTargetIsProbeSuccessOneWithTheBlackboxSeries() throws Exception {
        LoopbackTargets.UpListener up = targets.upListener(LoopbackTargets.V4);
        HttpResponse<String> response = Scrapes.get(probeUrl(ProbePolicy.loopbackOnly(),
                "module=tcp_connect&target=" + hostPort(up.address())));

        assertEquals(200, response.statusCode(), response.body());
        String body = response.body();
        assertEquals(1.0, Scrapes.value(body, "probe_success "));
        assertEquals(4.0, Scrapes.value(body, "probe_ip_protocol "));
        assertTrue(Scrapes.value(body, "probe_duration_seconds ") > 0, body);
        assertEquals(0.0, Scrapes.value(body, "probe_dns_lookup_time_seconds "));
        assertTrue(Scrapes.value(body, "probe_ip_addr_hash ") > 0, body);
        assertEquals(1.0, Scrapes.value(body, "probe_tcpshake_outcome{outcome=\"up\",errno=\"\",}"), body);
        assertTrue(up.acceptedNothing(), "the probed service accepted a connection");
    }

    @Test
    void refusedTargetIsProbeSuccessZeroWithItsErrno() throws Exception {
        InetSocketAddress refused = targets.refusedAddress(LoopbackTargets.V6);
        HttpResponse<String> response = Scrapes.get(probeUrl(ProbePolicy.loopbackOnly(),
                "target=" + hostPort(refused)));

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(0.0, Scrapes.value(response.body(), "probe_success "));
        assertEquals(6.0, Scrapes.value(response.body(), "probe_ip_protocol "));
        assertEquals(1.0, Scrapes.value(response.body(),
                "probe_tcpshake_outcome{outcome=\"refused\",errno=\"ECONNREFUSED\",}"), response.body());
    }

    @Test
    void timeoutFollowsPrometheusScrapeTimeoutLessTheOffset() throws Exception {
        InetSocketAddress silent = targets.timeoutAddress(LoopbackTargets.V4);
        String url = probeUrl(ProbePolicy.loopbackOnly(), "target=" + hostPort(silent));
        HttpResponse<String> response = Scrapes.send(Scrapes.CLIENT, Scrapes.request(url)
                .header(ProbeHandler.SCRAPE_TIMEOUT_HEADER, "0.8").build());

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(0.0, Scrapes.value(response.body(), "probe_success "));
        assertEquals(1.0, Scrapes.value(response.body(),
                "probe_tcpshake_outcome{outcome=\"timeout\",errno=\"ETIMEDOUT\",}"), response.body());
        double checkSeconds = Scrapes.value(response.body(), "probe_tcpshake_check_duration_seconds ");
        assertTrue(checkSeconds >= 0.25 && checkSeconds < 0.75, "0.8 s less 0.5 s, found " + checkSeconds);
    }

    @Test
    void malformedTargetOrTimeoutHeaderIsBadRequest() throws Exception {
        String base = probeUrl(ProbePolicy.loopbackOnly(), "");
        assertEquals(400, Scrapes.get(base + "target=127.0.0.1").statusCode());
        assertEquals(400, Scrapes.get(base + "target=127.0.0.1:99999").statusCode());
        HttpResponse<String> missing = Scrapes.get(base + "module=tcp_connect");
        assertEquals(400, missing.statusCode());
        assertTrue(missing.body().contains("target parameter is missing"), missing.body());
        HttpResponse<String> badHeader = Scrapes.send(Scrapes.CLIENT, Scrapes.request(base + "target=127.0.0.1:9")
                .header(ProbeHandler.SCRAPE_TIMEOUT_HEADER, "soon").build());
        assertEquals(400, badHeader.statusCode());
    }

    @Test
    void addressOutsideTheAllowListIsForbiddenBeforeAnySyn() throws Exception {
        LoopbackTargets.UpListener up = targets.upListener(LoopbackTargets.V4);
        String allowedPortOnly = "127.0.0.1/32:" + up.address().getPort();
        String url = probeUrl(ProbePolicy.of(List.of(allowedPortOnly), 100, Duration.ofSeconds(1)), "");

        HttpResponse<String> otherHost = Scrapes.get(url + "target=127.0.0.2:" + up.address().getPort());
        assertEquals(403, otherHost.statusCode());
        assertTrue(otherHost.body().contains("allow-list"), otherHost.body());
        assertEquals(403, Scrapes.get(url + "target=127.0.0.1:" + (up.address().getPort() + 1)).statusCode());
        // A name is judged by the address it resolves to, not by its text.
        assertEquals(403, Scrapes.get(url + "target=localhost:" + (up.address().getPort() + 1)).statusCode());
        assertEquals(200, Scrapes.get(url + "target=127.0.0.1:" + up.address().getPort()).statusCode());
        assertEquals(0, monitor.snapshot().checksInFlight());
    }

    @Test
    void probeWithoutCredentialsIsUnauthorised() throws Exception {
        LoopbackTargets.UpListener up = targets.upListener(LoopbackTargets.V4);
        endpoint = MetricsEndpoint.builder(monitor).host("127.0.0.1").port(0)
                .basicAuth(USER, PasswordHash.sha256Spec(PASSWORD)).probe(ProbePolicy.loopbackOnly()).start();
        String url = endpoint.url().replace("/metrics", "/probe?target=" + hostPort(up.address()));

        assertEquals(401, Scrapes.get(url).statusCode());
        HttpResponse<String> authorised = Scrapes.send(Scrapes.CLIENT,
                Scrapes.withBasicAuth(Scrapes.request(url), USER, PASSWORD).build());
        assertEquals(200, authorised.statusCode());
        assertEquals(1.0, Scrapes.value(authorised.body(), "probe_success "));
    }

    @Test
    void probesOverTheRateAreTooManyRequests() throws Exception {
        InetSocketAddress refused = targets.refusedAddress(LoopbackTargets.V4);
        String url = probeUrl(ProbePolicy.of(ProbePolicy.LOOPBACK, 2, Duration.ofSeconds(1)),
                "target=" + hostPort(refused));

        assertEquals(200, Scrapes.get(url).statusCode());
        assertEquals(200, Scrapes.get(url).statusCode());
        HttpResponse<String> third = Scrapes.get(url);
        assertEquals(429, third.statusCode());
        assertEquals("1", third.headers().firstValue("Retry-After").orElse(""));
    }

    @Test
    void secondProbeOfAnAddressInFlightIsTooManyRequests() throws Exception {
        InetSocketAddress silent = targets.timeoutAddress(LoopbackTargets.V4);
        String url = probeUrl(ProbePolicy.loopbackOnly(), "target=" + hostPort(silent));
        CompletableFuture<HttpResponse<String>> first = Scrapes.CLIENT.sendAsync(Scrapes.request(url)
                .header(ProbeHandler.SCRAPE_TIMEOUT_HEADER, "2.5").build(), HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(10)).until(() -> monitor.snapshot().checksInFlight() == 1);

        HttpResponse<String> second = Scrapes.get(url);

        assertEquals(429, second.statusCode(), second.body());
        assertTrue(second.body().contains("in flight"), second.body());
        assertEquals(200, first.get(10, TimeUnit.SECONDS).statusCode());
    }

    @Test
    void probesBeyondHalfTheHandlerThreadsAreTooManyRequests() throws Exception {
        String base = probeUrl(ProbePolicy.loopbackOnly(), "target=");
        List<CompletableFuture<HttpResponse<String>>> slow = new java.util.ArrayList<>();
        for (int i = 0; i < ProbeHandler.PROBES_AT_ONCE; i++) {
            String silent = hostPort(targets.timeoutAddress(LoopbackTargets.V4));
            slow.add(Scrapes.CLIENT.sendAsync(Scrapes.request(base + silent)
                    .header(ProbeHandler.SCRAPE_TIMEOUT_HEADER, "3.5").build(), HttpResponse.BodyHandlers.ofString()));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> monitor.snapshot().checksInFlight()
                == ProbeHandler.PROBES_AT_ONCE);

        HttpResponse<String> oneMore = Scrapes.get(base + hostPort(targets.refusedAddress(LoopbackTargets.V4)));

        assertEquals(429, oneMore.statusCode(), oneMore.body());
        assertEquals(200, Scrapes.get(endpoint.url()).statusCode(), "/metrics is still served meanwhile");
        for (CompletableFuture<HttpResponse<String>> probe : slow) {
            assertEquals(200, probe.get(10, TimeUnit.SECONDS).statusCode());
        }
    }

    @Test
    void withoutAPolicyThereIsNoProbe() throws Exception {
        endpoint = MetricsEndpoint.builder(monitor).host("127.0.0.1").port(0).start();
        assertEquals(404, Scrapes.get(endpoint.url().replace("/metrics", "/probe?target=127.0.0.1:9")).statusCode());
    }

    @Test
    void debugShowsTheStepsBesideTheSeries() throws Exception {
        InetSocketAddress refused = targets.refusedAddress(LoopbackTargets.V4);
        HttpResponse<String> response = Scrapes.get(probeUrl(ProbePolicy.loopbackOnly(),
                "debug=true&target=" + hostPort(refused)));

        assertTrue(response.body().startsWith("Logs for the probe:\n"), response.body());
        assertTrue(response.body().contains("REFUSED"), response.body());
        assertTrue(response.body().contains("probe_success 0.0"), response.body());
    }

    private static String hostPort(InetSocketAddress address) {
        return io.tcpshake.core.HostPort.format(address).replace("[", "%5B").replace("]", "%5D");
    }
}
