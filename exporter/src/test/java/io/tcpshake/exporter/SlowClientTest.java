package io.tcpshake.exporter;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Clients that send part of a request and wait, over raw sockets on loopback: they must neither stop the
 * scrapes nor stay connected for long.
 */
class SlowClientTest {
    /** Time a slow client may keep its connection: the headers deadline plus room for a loaded machine. */
    private static final Duration CUT_WITHIN = Duration.ofSeconds(HandlerPool.HEADERS_SECONDS + 10);
    /** A scrape of the fixed snapshot takes milliseconds; this is room for a loaded machine, nothing more. */
    private static final Duration SCRAPE_WITHIN = Duration.ofSeconds(4);

    private final List<Socket> sockets = new ArrayList<>();
    private MetricsEndpoint endpoint;

    @AfterEach
    void close() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        if (endpoint != null) {
            endpoint.close();
        }
    }

    @Test
    void clientsThatStopInTheirHeadersDoNotBlockScrapesAndAreDisconnected() throws Exception {
        endpoint = MetricsEndpoint.builder(new FixedMonitorView(Snapshots.fixed())).host("127.0.0.1").port(0).start();
        List<Socket> slow = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            slow.add(send("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n"));
        }
        // A keep-alive connection that got its answer, then starts a second request and stops.
        Socket keptAlive = send("GET /-/healthy HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        assertTrue(readAvailable(keptAlive).startsWith("HTTP/1.1 200"));
        keptAlive.getOutputStream().write("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
        slow.add(keptAlive);

        for (int i = 0; i < 5; i++) {
            HttpResponse<String> scrape = Scrapes.send(Scrapes.CLIENT,
                    Scrapes.request(endpoint.url()).timeout(SCRAPE_WITHIN).build());
            assertEquals(200, scrape.statusCode());
        }
        for (Socket socket : slow) {
            assertDisconnected(socket);
        }
    }

    @Test
    void moreStalledClientsThanHandlerThreadsDelayAScrapeOnlyUntilTheyAreCut() throws Exception {
        endpoint = MetricsEndpoint.builder(new FixedMonitorView(Snapshots.fixed())).host("127.0.0.1").port(0).start();
        List<Socket> slow = new ArrayList<>();
        for (int i = 0; i < HandlerPool.THREADS + 4; i++) {
            slow.add(send("GET /metrics HTTP/1.1\r\n"));
        }

        HttpResponse<String> scrape = Scrapes.send(Scrapes.CLIENT,
                Scrapes.request(endpoint.url()).timeout(CUT_WITHIN.plus(CUT_WITHIN)).build());

        assertEquals(200, scrape.statusCode());
        for (Socket socket : slow) {
            assertDisconnected(socket);
        }
    }

    @Test
    void aClientThatDoesNotReadItsResponseIsCutAtTheExchangeDeadline() throws Exception {
        // 10,000 targets: ~23 MB of text, far more than the loopback socket buffers hold.
        endpoint = MetricsEndpoint.builder(new FixedMonitorView(Snapshots.many(10_000))).host("127.0.0.1").port(0)
                .deadlines(Duration.ofSeconds(1), Duration.ofSeconds(3)).start();
        Socket notReading = send("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

        await().atMost(CUT_WITHIN).until(SlowClientTest::aHandlerIsBlockedWritingTheResponse);
        await().atMost(CUT_WITHIN).until(() -> !aHandlerIsBlockedWritingTheResponse());

        long received = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = notReading.getInputStream()) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                received += read;
            }
        } catch (SocketException reset) {
            // the server closed with bytes of the request unread: a cut all the same
        }
        assertTrue(received < 20_000_000, "the response was not cut: " + received + " bytes");
    }

    @Test
    void aRequestWithABodyIsRefusedBeforeBasicAuthWaitsForTheBody() throws Exception {
        endpoint = MetricsEndpoint.builder(new FixedMonitorView(Snapshots.fixed())).host("127.0.0.1").port(0)
                .basicAuth("prometheus", PasswordHash.sha256Spec("secret")).start();
        // Without the early refusal the JDK's basic auth reads all of the announced megabyte first.
        Socket post = send("POST /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000000\r\n\r\nfirst bytes");
        Socket getWithBody = send("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nfirst");

        assertTrue(readAvailable(post).startsWith("HTTP/1.1 405"));
        assertTrue(readAvailable(getWithBody).startsWith("HTTP/1.1 413"));
        assertEquals(401, Scrapes.get(endpoint.url()).statusCode());
    }

    @Test
    void hugeHeadersOrQueryCloseTheConnectionAndScrapesGoOn() throws Exception {
        endpoint = MetricsEndpoint.builder(new FixedMonitorView(Snapshots.fixed())).host("127.0.0.1").port(0)
                .basicAuth("prometheus", PasswordHash.sha256Spec("secret")).start();
        String huge = "x".repeat(1 << 20);
        List<Socket> clients = List.of(
                send("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + huge + "\r\n\r\n"),
                send("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic " + huge + "\r\n\r\n"),
                send("GET /metrics?name[]=" + huge + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));

        for (Socket client : clients) {
            assertClosedOrReset(client);
        }
        assertEquals(200, Scrapes.send(Scrapes.CLIENT, Scrapes.withBasicAuth(Scrapes.request(endpoint.url()),
                "prometheus", "secret").build()).statusCode());
    }

    private static boolean aHandlerIsBlockedWritingTheResponse() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(thread -> thread.getKey().getName().matches("tcpshake-exporter-\\d+"))
                .anyMatch(thread -> Arrays.stream(thread.getValue()).anyMatch(frame -> "write".equals(frame.getMethodName())
                        && frame.getClassName().endsWith("SocketChannelImpl")));
    }

    private Socket send(String text) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), endpoint.port());
        sockets.add(socket);
        socket.setSoTimeout((int) CUT_WITHIN.toMillis());
        OutputStream out = socket.getOutputStream();
        try {
            out.write(text.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (SocketException e) {
            // The server may refuse a huge request before it is all sent; what the socket reads tells.
        }
        return socket;
    }

    /** What the server has sent so far, waiting for its first bytes. */
    private static String readAvailable(Socket socket) throws IOException {
        byte[] buffer = new byte[4096];
        InputStream in = socket.getInputStream();
        int read = in.read(buffer);
        return read < 0 ? "" : new String(buffer, 0, read, StandardCharsets.US_ASCII);
    }

    /** The server closes the connection within {@link #CUT_WITHIN}: the socket reads to EOF, no reset. */
    private static void assertDisconnected(Socket socket) throws IOException {
        assertClosed(socket, false);
    }

    /** As {@link #assertDisconnected}, or a reset: the server closed while bytes it never read were pending. */
    private static void assertClosedOrReset(Socket socket) throws IOException {
        assertClosed(socket, true);
    }

    private static void assertClosed(Socket socket, boolean resetAllowed) throws IOException {
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        try {
            while (in.read(buffer) >= 0) {
                // the rest of an earlier response, or the answer to a refused request, comes first
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server kept a slow client connected for " + CUT_WITHIN, e);
        } catch (SocketException e) {
            if (!resetAllowed) {
                throw e;
            }
        }
    }
}
