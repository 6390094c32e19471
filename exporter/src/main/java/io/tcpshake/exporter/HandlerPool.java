package io.tcpshake.exporter;

import io.tcpshake.core.DaemonThreads;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The executor the JDK server runs each exchange on, with deadlines the JDK server does not have
 * without JVM-wide system properties: an exchange that has not got its request line and headers within
 * {@value #HEADERS_SECONDS} s, or has not finished within {@value #EXCHANGE_SECONDS} s, is cut off.
 *
 * <p>Why an interrupt works: the JDK server hands a connection to this executor when its first bytes
 * arrive and then reads the request, TLS handshake included, on the executor's thread from the
 * connection's {@code SocketChannel} in blocking mode (JDK 17 and 25; {@code SlowClientTest} and
 * {@code EndpointSecurityTest} pin it, TLS included). An interrupt closes such a channel
 * and the blocked read ends with {@code ClosedByInterruptException}, upon which the server closes the
 * connection. {@link RequestFilter}, the first thing that runs once the headers are in, calls
 * {@link #headersRead()}; the longer deadline then covers answering, a request body the JDK drains and a
 * client that does not read the response.
 *
 * <p>Up to {@value #THREADS} threads {@code tcpshake-exporter-N}, gone after
 * {@value #KEEP_ALIVE_SECONDS} s idle, and one {@code tcpshake-exporter-watchdog} thread while an
 * exchange runs: with the deadlines, a few slow or silent clients cannot hold every handler for long.
 */
final class HandlerPool implements Executor {
    static final int THREADS = 16;
    /** Shorter than any sensible scrape interval (Prometheus: 15 s by default). */
    static final int KEEP_ALIVE_SECONDS = 5;
    /** A scraper sends its request at once; a few seconds allow for a slow network and a TLS handshake. */
    static final int HEADERS_SECONDS = 5;
    /** Well beyond a 10,000-target scrape (about 1 s) and Prometheus' default scrape timeout (10 s). */
    static final int EXCHANGE_SECONDS = 30;

    private static final ThreadLocal<Watched> CURRENT = new ThreadLocal<>();

    private final ExecutorService workers;
    private final ScheduledThreadPoolExecutor watchdog;
    private final long headersMillis;
    private final long exchangeMillis;

    HandlerPool(long headersMillis, long exchangeMillis) {
        this.headersMillis = headersMillis;
        this.exchangeMillis = exchangeMillis;
        this.workers = DaemonThreads.onDemandPool(DaemonThreads.factory("tcpshake-exporter"), THREADS,
                KEEP_ALIVE_SECONDS, TimeUnit.SECONDS);
        this.watchdog = new ScheduledThreadPoolExecutor(1, DaemonThreads.named("tcpshake-exporter-watchdog"));
        watchdog.setRemoveOnCancelPolicy(true);
        watchdog.setKeepAliveTime(KEEP_ALIVE_SECONDS, TimeUnit.SECONDS);
        watchdog.allowCoreThreadTimeOut(true);
    }

    @Override
    public void execute(Runnable exchange) {
        workers.execute(new Watched(exchange));
    }

    /** Called on the exchange's thread once the request line and headers are in: the longer deadline applies. */
    static void headersRead() {
        Watched watched = CURRENT.get();
        if (watched != null) {
            watched.headersRead();
        }
    }

    void shutdown() {
        workers.shutdown();
        watchdog.shutdownNow();
    }

    /** One exchange on its thread, with the deadline that applies to it now. */
    private final class Watched implements Runnable {
        private final Runnable exchange;
        private Thread thread;
        private long started;
        private ScheduledFuture<?> deadline;
        private boolean reading = true;
        private boolean done;

        Watched(Runnable exchange) {
            this.exchange = exchange;
        }

        @Override
        public void run() {
            synchronized (this) {
                thread = Thread.currentThread();
                started = System.nanoTime();
                deadline = cutAfter(headersMillis);
            }
            CURRENT.set(this);
            try {
                exchange.run();
            } finally {
                CURRENT.remove();
                synchronized (this) {
                    done = true;
                    cancelDeadline();
                    // A cut that came while this exchange ended must not hit the thread's next one.
                    Thread.interrupted();
                }
            }
        }

        synchronized void headersRead() {
            if (!reading || done) {
                return;
            }
            reading = false;
            cancelDeadline();
            deadline = cutAfter(exchangeMillis - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        }

        private ScheduledFuture<?> cutAfter(long millis) {
            try {
                return watchdog.schedule(this::cut, Math.max(0, millis), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                return null; // closed: the server is stopping and closes every connection itself
            }
        }

        private void cancelDeadline() {
            if (deadline != null) {
                deadline.cancel(false);
            }
        }

        private synchronized void cut() {
            if (!done) {
                thread.interrupt();
            }
        }
    }
}
