package io.tcpshake.exporter;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.tcpshake.core.CheckResult;
import io.tcpshake.core.monitor.MonitorSnapshot;
import io.tcpshake.core.monitor.MonitorView;
import io.tcpshake.core.monitor.TargetSnapshot;
import java.io.IOException;

/**
 * {@code /}: a short HTML page for a person with a browser: links to {@code /metrics} and
 * {@code /-/healthy} and one row per target with its state. Every value from the configuration or a
 * check is HTML-escaped. Any other path is 404.
 */
final class StatusPage implements HttpHandler {
    private final MonitorView monitor;

    StatusPage(MonitorView monitor) {
        this.monitor = monitor;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            if (!"/".equals(exchange.getRequestURI().getPath())) {
                Responses.text(exchange, 404, "text/plain; charset=utf-8",
                        "not found: this endpoint serves /, /metrics and /-/healthy\n");
            } else if (!Responses.isGetOrHead(exchange)) {
                Responses.methodNotAllowed(exchange);
            } else {
                Responses.text(exchange, 200, "text/html; charset=utf-8", render(monitor.snapshot()));
            }
        } catch (RuntimeException e) {
            Responses.serverError(exchange, "rendering the tcpshake status page failed", e);
        } finally {
            exchange.close();
        }
    }

    static String render(MonitorSnapshot snapshot) {
        StringBuilder html = new StringBuilder(512 + 160 * snapshot.targets().size());
        html.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>tcpshake</title></head><body>\n")
                .append("<h1>tcpshake</h1>\n<p><a href=\"metrics\">Metrics</a> &middot; ")
                .append("<a href=\"-/healthy\">Health</a></p>\n")
                .append("<p>").append(snapshot.targets().size()).append(" targets: ")
                .append(snapshot.upCount()).append(" up, ").append(snapshot.downCount()).append(" down.</p>\n")
                .append("<table>\n<tr><th>Target</th><th>Address</th><th>State</th><th>Since</th>")
                .append("<th>Last check</th></tr>\n");
        for (TargetSnapshot target : snapshot.targets()) {
            CheckResult last = target.lastResult();
            html.append("<tr><td>").append(escape(target.name()))
                    .append("</td><td>").append(escape(target.target().endpoint().toString()))
                    .append("</td><td>").append(target.state())
                    .append("</td><td>").append(target.stateSince())
                    .append("</td><td>").append(last == null ? "none yet" : escape(last.toString()))
                    .append("</td></tr>\n");
        }
        return html.append("</table>\n</body></html>\n").toString();
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<': escaped.append("&lt;"); break;
                case '>': escaped.append("&gt;"); break;
                case '&': escaped.append("&amp;"); break;
                case '"': escaped.append("&quot;"); break;
                case '\'': escaped.append("&#39;"); break;
                default: escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
