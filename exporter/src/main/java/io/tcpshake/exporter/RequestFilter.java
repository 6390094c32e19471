package io.tcpshake.exporter;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/**
 * The first step of every request, once the JDK server has read its headers and before basic auth: tells
 * {@link HandlerPool} the headers are in, and turns away what no path serves before it costs anything.
 * A method other than GET or HEAD is 405, a request with a body 413, both with {@code Connection: close};
 * without this the JDK's basic auth would read a refused request's whole body, however long it is. (The
 * JDK still reads up to 64 KB of it when the exchange closes; {@link HandlerPool}'s deadline bounds that.)
 */
final class RequestFilter extends Filter {
    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        HandlerPool.headersRead();
        boolean getOrHead = Responses.isGetOrHead(exchange);
        if (getOrHead && !hasBody(exchange)) {
            chain.doFilter(exchange);
            return;
        }
        try {
            exchange.getResponseHeaders().set("Connection", "close");
            if (!getOrHead) {
                Responses.methodNotAllowed(exchange);
            } else {
                Responses.text(exchange, 413, "text/plain; charset=utf-8",
                        "a request body is not accepted here: send GET or HEAD without one\n");
            }
            // Sent now: closing the exchange first reads up to 64 KB of the body the client may send slowly.
            exchange.getResponseBody().flush();
        } finally {
            exchange.close();
        }
    }

    @Override
    public String description() {
        return "tcpshake request limits";
    }

    private static boolean hasBody(HttpExchange exchange) {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        return exchange.getRequestHeaders().containsKey("Transfer-Encoding")
                || (length != null && !"0".equals(length.trim()));
    }
}
