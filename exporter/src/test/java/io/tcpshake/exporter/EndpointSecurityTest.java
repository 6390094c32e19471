package io.tcpshake.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tcpshake.core.testing.SelfSignedKeystore;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Basic auth and TLS over real HTTP(S) on loopback. */
class EndpointSecurityTest {
    private static final String USER = "prometheus";
    private static final String PASSWORD = "s3cret pass";

    @TempDir
    Path dir;

    @Test
    void withBasicAuthEveryPathIs401WithoutCredentialsAnd200With() throws Exception {
        try (MetricsEndpoint endpoint = MetricsEndpoint.builder(new FixedMonitorView(Snapshots.fixed()))
                .host("127.0.0.1").port(0).basicAuth(USER, PasswordHash.sha256Spec(PASSWORD)).start()) {
            String base = "http://127.0.0.1:" + endpoint.port() + "/";
            for (String path : List.of("metrics", "-/healthy", "")) {
                HttpResponse<String> anonymous = Scrapes.get(base + path);
                assertEquals(401, anonymous.statusCode(), path);
                assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").contains("Basic"), path);

                HttpResponse<String> wrong = Scrapes.send(Scrapes.CLIENT,
                        Scrapes.withBasicAuth(Scrapes.request(base + path), USER, "guess").build());
                assertEquals(401, wrong.statusCode(), path);
                HttpResponse<String> wrongUser = Scrapes.send(Scrapes.CLIENT,
                        Scrapes.withBasicAuth(Scrapes.request(base + path), "admin", PASSWORD).build());
                assertEquals(401, wrongUser.statusCode(), path);

                HttpResponse<String> allowed = Scrapes.send(Scrapes.CLIENT,
                        Scrapes.withBasicAuth(Scrapes.request(base + path), USER, PASSWORD).build());
                assertEquals(200, allowed.statusCode(), path);
            }
        }
    }

    @Test
    void bcryptHashFromHtpasswdGuardsTheEndpoint() throws Exception {
        // Made by crypt(3) of Debian 12 (libxcrypt), cost 4 to keep the test fast.
        String bcrypt = "$2b$04$abcdefghijklmnopqrstuuoBpIrM0OnplXjsOI8DWYJTHUhJDuUv.";
        try (MetricsEndpoint endpoint = MetricsEndpoint.builder(new FixedMonitorView(Snapshots.fixed()))
                .host("127.0.0.1").port(0).basicAuth(USER, bcrypt).start()) {
            assertEquals(401, Scrapes.get(endpoint.url()).statusCode());
            assertEquals(401, Scrapes.send(Scrapes.CLIENT,
                    Scrapes.withBasicAuth(Scrapes.request(endpoint.url()), USER, "guess").build()).statusCode());
            assertEquals(200, Scrapes.send(Scrapes.CLIENT,
                    Scrapes.withBasicAuth(Scrapes.request(endpoint.url()), USER, PASSWORD).build()).statusCode());
        }
    }

    @Test
    void unusablePasswordHashIsRefusedAtStartWithoutRepeatingIt() {
        IOException plain = assertThrows(IOException.class, () -> MetricsEndpoint
                .builder(new FixedMonitorView(Snapshots.fixed())).host("127.0.0.1").port(0)
                .basicAuth(USER, "hunter2").start());
        assertFalse(plain.getMessage().contains("hunter2"), plain.getMessage());
        assertTrue(plain.getMessage().contains("htpasswd -nbBC 10"), plain.getMessage());
        assertTrue(plain.getMessage().contains("sha256sum"), plain.getMessage());

        String tooCostly = "$2b$20$abcdefghijklmnopqrstuuoBpIrM0OnplXjsOI8DWYJTHUhJDuUv.";
        IOException cost = assertThrows(IOException.class, () -> MetricsEndpoint
                .builder(new FixedMonitorView(Snapshots.fixed())).host("127.0.0.1").port(0)
                .basicAuth(USER, tooCostly).start());
        assertTrue(cost.getMessage().contains("cost 20"), cost.getMessage());
        assertFalse(cost.getMessage().contains("abcdefghijkl"), cost.getMessage());
    }

    @Test
    void tlsScrapeWithPkcs12KeystoreIsTrustedByAClientThatKnowsTheCertificate() throws Exception {
        Path keystore = generateKeystore("changeit");
        try (MetricsEndpoint endpoint = MetricsEndpoint.builder(new FixedMonitorView(Snapshots.fixed()))
                .host("127.0.0.1").port(0).tls(keystore, "changeit".toCharArray())
                .basicAuth(USER, PasswordHash.sha256Spec(PASSWORD)).start()) {
            assertEquals("https://127.0.0.1:" + endpoint.port() + "/metrics", endpoint.url());
            HttpClient client = HttpClient.newBuilder().sslContext(trusting(keystore, "changeit"))
                    .connectTimeout(Duration.ofSeconds(5)).build();

            HttpResponse<String> response = Scrapes.send(client,
                    Scrapes.withBasicAuth(Scrapes.request(endpoint.url()), USER, PASSWORD).build());

            assertEquals(200, response.statusCode());
            assertEquals(1.0, Scrapes.value(response.body(), "tcpshake_target_up{target=\"db\""));
            assertEquals(401, Scrapes.send(client, Scrapes.request(endpoint.url()).build()).statusCode());
        }
    }

    @Test
    void tlsClientThatStallsInItsHandshakeIsDisconnectedAndScrapesGoOn() throws Exception {
        Path keystore = generateKeystore("changeit");
        try (MetricsEndpoint endpoint = MetricsEndpoint.builder(new FixedMonitorView(Snapshots.fixed()))
                .host("127.0.0.1").port(0).tls(keystore, "changeit".toCharArray()).start();
                Socket stalled = new Socket(InetAddress.getLoopbackAddress(), endpoint.port())) {
            stalled.setSoTimeout((HandlerPool.HEADERS_SECONDS + 10) * 1000);
            // The header of a TLS handshake record announcing 80 bytes, and none of them.
            stalled.getOutputStream().write(new byte[] {0x16, 0x03, 0x01, 0x00, 0x50});
            HttpClient client = HttpClient.newBuilder().sslContext(trusting(keystore, "changeit"))
                    .connectTimeout(Duration.ofSeconds(5)).build();

            assertEquals(200, Scrapes.send(client, Scrapes.request(endpoint.url()).build()).statusCode());
            assertEquals(-1, stalled.getInputStream().read(), "the server closed the stalled connection");
        }
    }

    @Test
    void wrongKeystorePasswordOrMissingKeystoreIsAClearStartError() throws Exception {
        Path keystore = generateKeystore("changeit");
        IOException wrong = assertThrows(IOException.class, () -> MetricsEndpoint
                .builder(new FixedMonitorView(Snapshots.fixed())).host("127.0.0.1").port(0)
                .tls(keystore, "wrong".toCharArray()).start());
        assertTrue(wrong.getMessage().contains(keystore.toString()), wrong.getMessage());
        assertTrue(wrong.getMessage().contains("password"), wrong.getMessage());

        Path missing = dir.resolve("missing.p12");
        IOException absent = assertThrows(IOException.class, () -> MetricsEndpoint
                .builder(new FixedMonitorView(Snapshots.fixed())).host("127.0.0.1").port(0)
                .tls(missing, "changeit".toCharArray()).start());
        assertTrue(absent.getMessage().contains("does not exist"), absent.getMessage());
    }

    private Path generateKeystore(String password) throws Exception {
        return SelfSignedKeystore.create(dir.resolve("exporter.p12"), password);
    }

    private static SSLContext trusting(Path keystore, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, password.toCharArray());
        }
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("tcpshake", store.getCertificate("tcpshake"));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
