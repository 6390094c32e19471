package io.tcpshake.exporter;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.prometheus.client.Collector.MetricFamilySamples;
import io.prometheus.client.Predicate;
import io.prometheus.client.SampleNameFilter;
import io.prometheus.client.exporter.common.TextFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UnsupportedEncodingException;
import java.io.Writer;
import java.net.URLDecoder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

/**
 * {@code /metrics}: the collector's families in the Prometheus text format 0.0.4 or OpenMetrics 1.0.0, chosen
 * by the Accept header, gzip-compressed when the client accepts it, optionally restricted with
 * {@code ?name[]=tcpshake_target_up}. Streamed: the text is sent as it is written, in chunks of
 * {@value #CHUNK_BYTES} bytes: the per-target families by {@link TargetFamilyText}, line by line from the
 * figures copied out of each target's snapshot in turn (simpleclient would copy a counter family whole
 * first), then the few monitor-wide ones, and OpenMetrics' {@code # EOF}, by simpleclient's
 * {@link TextFormat}.
 *
 * <p>simpleclient_httpserver's {@code HTTPServer} does the same, but initialising that class sets the
 * global system properties {@code sun.net.httpserver.maxReqTime} and {@code maxRspTime}, which would
 * change every JDK HTTP server of the host application; tcpshake never sets global properties.
 */
final class MetricsHandler implements HttpHandler {
    /** The text held at once: the rest is with the client (or in the socket's buffers). */
    static final int CHUNK_BYTES = 1 << 16;

    private final TcpshakeCollector collector;

    MetricsHandler(TcpshakeCollector collector) {
        this.collector = collector;
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
            exchange.getResponseHeaders().set("Content-Type", contentType);
            if ("HEAD".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            // The targets are read before the response starts, so a failure there is still a 500. The rest is
            // streamed, written as it is made: a failure half-way cuts the response short, which a scraper
            // reports as a failed scrape.
            TcpshakeCollector.Scrape scrape = collector.scrape();
            Predicate<String> filter = names.isEmpty() ? null : SampleNameFilter.restrictToNamesEqualTo(null, names);
            boolean gzip = Responses.acceptsGzip(exchange);
            if (gzip) {
                exchange.getResponseHeaders().set("Content-Encoding", "gzip");
            }
            exchange.sendResponseHeaders(200, 0);
            OutputStream body = exchange.getResponseBody();
            try (OutputStream out = gzip ? new GZIPOutputStream(body, CHUNK_BYTES) : body) {
                TextBuffer text = new TextBuffer(out, CHUNK_BYTES);
                write(contentType, text, scrape, filter);
                text.close();
            }
        } catch (RuntimeException e) {
            Responses.serverError(exchange, "collecting the tcpshake metrics failed", e);
        } finally {
            exchange.close();
        }
    }

    /** The scrape's text; {@code filter} keeps the samples of the names asked for (null: all). */
    static void write(String contentType, Writer text, TcpshakeCollector.Scrape scrape, Predicate<String> filter)
            throws IOException {
        boolean openMetrics = TextFormat.CONTENT_TYPE_OPENMETRICS_100.equals(contentType);
        for (TargetFamily family : scrape.targetFamilies) {
            TargetFamilyText.write(text, openMetrics, family, scrape.targets.targets, filter);
        }
        List<MetricFamilySamples> monitorWide = new ArrayList<>(scrape.monitorFamilies.size());
        for (MetricFamilySamples family : scrape.monitorFamilies) {
            MetricFamilySamples kept = family.filter(filter);
            if (kept != null) {
                monitorWide.add(kept);
            }
        }
        TextFormat.writeFormat(contentType, text, Collections.enumeration(monitorWide));
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
