package io.tcpshake.exporter;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;

/** {@code /-/healthy}: 200 while the endpoint serves, with the text Prometheus' own exporters use. */
final class HealthyHandler implements HttpHandler {
    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            if (Responses.isGetOrHead(exchange)) {
                Responses.text(exchange, 200, "text/plain; charset=utf-8", "Exporter is Healthy.\n");
            } else {
                Responses.methodNotAllowed(exchange);
            }
        } finally {
            exchange.close();
        }
    }
}
