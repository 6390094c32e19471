package io.tcpshake.exporter;

import com.sun.net.httpserver.HttpExchange;
import io.tcpshake.core.TcpshakeLoggers;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Small pieces every handler of the endpoint needs. */
final class Responses {
    private static final System.Logger LOG = TcpshakeLoggers.get("io.tcpshake.exporter");

    private Responses() {
    }

    static boolean isGetOrHead(HttpExchange exchange) {
        String method = exchange.getRequestMethod();
        return "GET".equals(method) || "HEAD".equals(method);
    }

    static boolean acceptsGzip(HttpExchange exchange) {
        List<String> values = exchange.getRequestHeaders().get("Accept-Encoding");
        if (values == null) {
            return false;
        }
        for (String value : values) {
            for (String coding : value.split(",")) {
                String name = coding.trim();
                int semicolon = name.indexOf(';');
                if ((semicolon < 0 ? name : name.substring(0, semicolon).trim()).equalsIgnoreCase("gzip")
                        && !name.replace(" ", "").endsWith("q=0")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Sends {@code text} as a complete response (nothing for HEAD). */
    static void text(HttpExchange exchange, int status, String contentType, String text) throws IOException {
        bytes(exchange, status, contentType, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends {@code bytes} as a complete response (nothing for HEAD). */
    static void bytes(HttpExchange exchange, int status, String contentType, byte[] bytes) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        if ("HEAD".equals(exchange.getRequestMethod())) {
            exchange.sendResponseHeaders(status, -1);
        } else {
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    /** Sends {@code text} with status 200, gzipped when the client accepts it (a page of many targets). */
    static void compressible(HttpExchange exchange, String contentType, String text) throws IOException {
        if ("HEAD".equals(exchange.getRequestMethod()) || !acceptsGzip(exchange)) {
            text(exchange, 200, contentType, text);
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Content-Encoding", "gzip");
        exchange.sendResponseHeaders(200, 0);
        try (Writer out = new OutputStreamWriter(new GZIPOutputStream(exchange.getResponseBody(), 1 << 16),
                StandardCharsets.UTF_8)) {
            out.write(text);
        }
    }

    static void methodNotAllowed(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        text(exchange, 405, "text/plain; charset=utf-8", "only GET and HEAD are served here\n");
    }

    /** Logs a failed request once and answers 500, unless the response had already begun. */
    static void serverError(HttpExchange exchange, String what, RuntimeException e) throws IOException {
        LOG.log(System.Logger.Level.WARNING, "tcpshake exporter: " + what + " for " + exchange.getRequestURI(), e);
        if (exchange.getResponseCode() == -1) {
            text(exchange, 500, "text/plain; charset=utf-8", what + ": " + e + "\n");
        }
    }
}
