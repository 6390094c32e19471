package io.tcpshake.exporter;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.tcpshake.core.monitor.MonitorView;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code /}: the status page for a person with a browser ({@link StatusHtml}), and the files it loads from
 * this endpoint alone, never from the internet: {@code status.css}, {@code status.js} and two icons. The
 * page forbids any other source (Content-Security-Policy), so even a string that escaped the escaping could
 * not run a script. Any other path is 404.
 */
final class StatusPage implements HttpHandler {
    /** Only this endpoint's own files; no inline script or style, no other host. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
    private static final Map<String, String> ASSET_TYPES = Map.of(
            "/status.css", "text/css; charset=utf-8",
            "/status.js", "text/javascript; charset=utf-8",
            "/icon-up.svg", "image/svg+xml",
            "/icon-down.svg", "image/svg+xml");

    private final MonitorView monitor;
    private final DowntimeLedger downtime;
    private final Map<String, byte[]> assets;

    StatusPage(MonitorView monitor, DowntimeLedger downtime) {
        this.monitor = monitor;
        this.downtime = downtime;
        Map<String, byte[]> loaded = new HashMap<>();
        for (String path : ASSET_TYPES.keySet()) {
            loaded.put(path, asset(path.substring(1)));
        }
        this.assets = loaded;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            if (!"/".equals(path) && !assets.containsKey(path)) {
                Responses.text(exchange, 404, "text/plain; charset=utf-8", "not found: this endpoint serves /,"
                        + " /status.json, /metrics and /-/healthy\n");
            } else if (!Responses.isGetOrHead(exchange)) {
                Responses.methodNotAllowed(exchange);
            } else if ("/".equals(path)) {
                exchange.getResponseHeaders().set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
                exchange.getResponseHeaders().set("Cache-Control", "no-store");
                String html = StatusHtml.render(monitor, downtime,
                        TargetFilter.fromQuery(exchange.getRequestURI().getRawQuery()));
                Responses.compressible(exchange, "text/html; charset=utf-8", html);
            } else {
                exchange.getResponseHeaders().set("Cache-Control", "max-age=300");
                Responses.bytes(exchange, 200, ASSET_TYPES.get(path), assets.get(path));
            }
        } catch (RuntimeException e) {
            Responses.serverError(exchange, "rendering the tcpshake status page failed", e);
        } finally {
            exchange.close();
        }
    }

    private static byte[] asset(String name) {
        try (InputStream in = StatusPage.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the status page's " + name + " is missing from the tcpshake jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading the status page's " + name + " from the tcpshake jar", e);
        }
    }
}
