package io.tcpshake.exporter;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A handler run for at most a few exchanges at once; the others wait their turn, and after a while are
 * answered 503 with {@code Retry-After: 1}. It keeps what the handler holds per exchange bounded (for
 * {@code /metrics}: the figures it writes and a 64 KB chunk of text; the status page: its whole text)
 * however many handler threads the endpoint has.
 */
final class LimitedHandler implements HttpHandler {
    private final HttpHandler handler;
    private final Semaphore turns;
    private final long waitMillis;

    LimitedHandler(HttpHandler handler, int atOnce, long waitMillis) {
        this.handler = handler;
        this.turns = new Semaphore(atOnce, true);
        this.waitMillis = waitMillis;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        boolean turn;
        try {
            turn = turns.tryAcquire(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            // The exchange ran out of time (HandlerPool): keep the interrupt, it closes the connection.
            Thread.currentThread().interrupt();
            exchange.close();
            return;
        }
        if (!turn) {
            try {
                exchange.getResponseHeaders().set("Retry-After", "1");
                Responses.text(exchange, 503, "text/plain; charset=utf-8", "too many requests at once here: try again\n");
            } finally {
                exchange.close();
            }
            return;
        }
        try {
            handler.handle(exchange);
        } finally {
            turns.release();
        }
    }
}
