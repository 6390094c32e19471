package io.tcpshake.exporter;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.exporter.common.TextFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UnsupportedEncodingException;
import java.net.URLDecoder;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

/**
 * {@code /metrics}: the registry in the Prometheus text format 0.0.4 or OpenMetrics 1.0.0, chosen by the
 * Accept header, gzip-compressed when the client accepts it, optionally restricted with
 * {@code ?name[]=tcpshake_target_up}.
 *
 * <p>simpleclient_httpserver's {@code HTTPServer} does the same, but initialising that class sets the
 * global system properties {@code sun.net.httpserver.maxReqTime} and {@code maxRspTime}, which would
 * change every JDK HTTP server of the host application; tcpshake never sets global properties.
 */
final class MetricsHandler implements HttpHandler {
    private final CollectorRegistry registry;
    /** The size of the latest full scrape, so the next one's buffer starts big enough instead of doubling up. */
    private volatile int lastLength = 1 << 16;

    MetricsHandler(CollectorRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            if (!Responses.isGetOrHead(exchange)) {
                Responses.methodNotAllowed(exchange);
                return;
            }
            String contentType = TextFormat.chooseContentType(exchange.getRequestHeaders().getFirst("Accept"));
            Set<String> names = requestedNames(exchange.getRequestURI().getRawQuery());
            TextBuffer text = new TextBuffer(names.isEmpty() ? lastLength + lastLength / 8 : 1 << 12);
            TextFormat.writeFormat(contentType, text, names.isEmpty()
                    ? registry.metricFamilySamples() : registry.filteredMetricFamilySamples(names));
            text.close();
            if (names.isEmpty()) {
                lastLength = Math.max(1 << 12, text.length());
            }
            exchange.getResponseHeaders().set("Content-Type", contentType);
            if ("HEAD".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(200, -1);
            } else if (Responses.acceptsGzip(exchange)) {
                exchange.getResponseHeaders().set("Content-Encoding", "gzip");
                exchange.sendResponseHeaders(200, 0);
                try (OutputStream out = new GZIPOutputStream(exchange.getResponseBody(), 1 << 16)) {
                    text.writeTo(out);
                }
            } else {
                exchange.sendResponseHeaders(200, text.length());
                text.writeTo(exchange.getResponseBody());
            }
        } catch (RuntimeException e) {
            Responses.serverError(exchange, "collecting the tcpshake metrics failed", e);
        } finally {
            exchange.close();
        }
    }

    /** The {@code name[]} parameters: metric names the client wants, all when none. */
    private static Set<String> requestedNames(String rawQuery) throws UnsupportedEncodingException {
        Set<String> names = new HashSet<>();
        if (rawQuery == null) {
            return names;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && "name[]".equals(URLDecoder.decode(pair.substring(0, equals), "UTF-8"))) {
                names.add(URLDecoder.decode(pair.substring(equals + 1), "UTF-8"));
            }
        }
        return names;
    }
}
