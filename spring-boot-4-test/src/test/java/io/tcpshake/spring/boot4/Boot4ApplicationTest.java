package io.tcpshake.spring.boot4;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The starter in a real Spring Boot 4 application (whose health API moved packages): the readiness group
 * follows a critical loopback target, and the meters reach /actuator/prometheus.
 */
class Boot4ApplicationTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void readinessFollowsACriticalTargetAndPrometheusShowsIt() throws Exception {
        ServerSocketChannel db = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        int dbPort = ((InetSocketAddress) db.getLocalAddress()).getPort();
        try (ConfigurableApplicationContext context = new SpringApplication(Boot4Application.class).run(
                "--spring.config.name=boot4-test", "--server.port=0", "--server.address=127.0.0.1",
                "--test.db-port=" + dbPort)) {
            String base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                HttpResponse<String> health = get(base + "/actuator/health/tcpshake");
                assertEquals(200, health.statusCode(), health.body());
                assertTrue(health.body().contains("\"db\":{\"state\":\"UP\",\"critical\":true"), health.body());
            });
            String prometheus = get(base + "/actuator/prometheus").body();
            assertTrue(prometheus.contains("tcpshake_target_up{target=\"db\"} 1.0"), prometheus);

            db.close();
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                HttpResponse<String> readiness = get(base + "/actuator/health/readiness");
                assertEquals(503, readiness.statusCode(), readiness.body());
                assertTrue(readiness.body().contains("\"outcome\":\"refused\""), readiness.body());
            });
        } finally {
            db.close();
        }
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
