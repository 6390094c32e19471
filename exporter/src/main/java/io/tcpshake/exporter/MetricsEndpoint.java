package io.tcpshake.exporter;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.tcpshake.core.HostPort;
import io.tcpshake.core.config.DiscoveryStatus;
import io.tcpshake.core.config.ReloadControl;
import io.tcpshake.core.monitor.MonitorView;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * The Prometheus endpoint of a monitor: an HTTP(S) server on its own daemon threads serving
 * {@code /metrics} ({@link TcpshakeCollector}'s families, in no registry, so the host application's
 * metrics are untouched), {@code /-/healthy}, {@code /} (the status page) and {@code /status.json} (its
 * data for scripts), and, when given a {@link ProbePolicy}, {@code /probe?target=host:port} (one check per
 * request, blackbox_exporter style). Optional basic auth guards every path; optional TLS uses a PKCS12 keystore.
 *
 * <pre>{@code
 * MetricsEndpoint endpoint = MetricsEndpoint.builder(monitor).host("127.0.0.1").port(0).start();
 * log("metrics at " + endpoint.url());   // http://127.0.0.1:40123/metrics
 * ...
 * endpoint.close();
 * }</pre>
 *
 * <p>Threads, all daemons, all gone after {@link #close()}: the JDK server's dispatcher and idle-connection
 * timer, renamed {@code tcpshake-exporter-HTTP-Dispatcher} and {@code tcpshake-exporter-idle-timeout-task}
 * ({@code server-timer} on older JDKs), which live while the endpoint runs; and at most
 * {@value HandlerPool#THREADS} handler threads {@code tcpshake-exporter-N} plus a
 * {@code tcpshake-exporter-watchdog}, started when a request comes and gone after 5 s without one, so that
 * between scrapes the endpoint holds only the JDK's two. Requests are not handled on the dispatcher
 * itself: the JDK reads the request on the handler thread, and a slow client would stop every other
 * scrape. A client that has not sent its request headers within {@value HandlerPool#HEADERS_SECONDS} s,
 * or whose exchange is not over within {@value HandlerPool#EXCHANGE_SECONDS} s, is disconnected
 * ({@link HandlerPool}); at most one bcrypt check runs at a time ({@link PasswordAuthenticator}), and at
 * most {@value #SCRAPES_AT_ONCE} scrapes ({@link LimitedHandler}), so the handler threads do not multiply
 * the memory a scrape needs.
 */
public final class MetricsEndpoint implements AutoCloseable {
    /** The default port, the one targets.yaml's example uses. */
    public static final int DEFAULT_PORT = 9464;
    /** Scrapes served at once: each holds a snapshot and a chunk of text while its client reads it. */
    static final int SCRAPES_AT_ONCE = 3;
    /** How long a scrape waits for its turn before a 503: Prometheus' default scrape timeout. */
    static final int SCRAPE_WAIT_SECONDS = 10;

    private final HttpServer server;
    private final HandlerPool handlers;
    private final MonitorView monitor;
    private final DowntimeLedger downtime;
    private final String url;
    private final int port;
    private volatile boolean closed;

    private MetricsEndpoint(HttpServer server, HandlerPool handlers, MonitorView monitor, DowntimeLedger downtime,
            String scheme, String host) {
        this.server = server;
        this.handlers = handlers;
        this.monitor = monitor;
        this.downtime = downtime;
        this.port = server.getAddress().getPort();
        this.url = scheme + "://" + HostPort.format(host, port) + "/metrics";
    }

    /** An endpoint over {@code monitor}; by default on 127.0.0.1:{@value #DEFAULT_PORT}, plain HTTP, no auth. */
    public static Builder builder(MonitorView monitor) {
        return new Builder(monitor);
    }

    /**
     * Checks a basic-auth password hash as {@link Builder#basicAuth} takes it, for a config loader that
     * reports errors with their line: null when usable, else what is wrong and how to make a valid one
     * (the message never repeats the hash).
     */
    public static String validatePasswordHash(String passwordHash) {
        return PasswordHash.validate(passwordHash);
    }

    /** The bound port (the one picked when port 0 was asked for). */
    public int port() {
        return port;
    }

    /** Where the metrics are, e.g. {@code http://127.0.0.1:9464/metrics} or {@code https://...}. */
    public String url() {
        return url;
    }

    /** Stops serving at once and frees the port and threads; idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        monitor.removeListener(downtime);
        server.stop(0);
        handlers.shutdown();
    }

    @Override
    public String toString() {
        return "tcpshake metrics endpoint " + url + (closed ? " (closed)" : "");
    }

    /** How to start a {@link MetricsEndpoint}; {@link #start()} does all the checking. */
    public static final class Builder {
        private final MonitorView monitor;
        private ReloadControl reloadControl;
        private DiscoveryStatus discovery;
        /** Loopback unless asked: an endpoint that lists internal hosts is not opened to the network unasked. */
        private String host = "127.0.0.1";
        private int port = DEFAULT_PORT;
        private String user;
        private String passwordHash;
        private ProbePolicy probePolicy;
        private Histograms histograms = Histograms.ALL;
        private Path keystore;
        private char[] keystorePassword;
        private Duration headersDeadline = Duration.ofSeconds(HandlerPool.HEADERS_SECONDS);
        private Duration exchangeDeadline = Duration.ofSeconds(HandlerPool.EXCHANGE_SECONDS);

        private Builder(MonitorView monitor) {
            this.monitor = Objects.requireNonNull(monitor, "monitor");
        }

        /** The configuration behind the monitor, for the reload metrics; null (the default) for none. */
        public Builder reloadControl(ReloadControl reloadControl) {
            this.reloadControl = reloadControl;
            return this;
        }

        /**
         * The discovery behind the monitor, for the status page and {@code /status.json} (whether it runs,
         * when each discovered target was last seen connected); null (the default) for none.
         */
        public Builder discovery(DiscoveryStatus discovery) {
            this.discovery = discovery;
            return this;
        }

        /** The address to bind: an IP literal of this machine, {@code 127.0.0.1} (default), {@code 0.0.0.0} or {@code localhost}. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** The port to bind, 0 for any free one ({@link MetricsEndpoint#port()} tells which). */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * Requires HTTP basic auth on every path.
         *
         * @param passwordHash the password's hash, never the password, never logged: bcrypt
         *        ({@code $2b$10$...}, e.g. from {@code htpasswd -nbBC 10 user password}; cost 4..16) or
         *        {@code sha256:<64 hex digits>} ({@code printf %s password | sha256sum}); checked by
         *        {@link #start()}
         */
        public Builder basicAuth(String user, String passwordHash) {
            this.user = Objects.requireNonNull(user, "user");
            this.passwordHash = Objects.requireNonNull(passwordHash, "passwordHash");
            return this;
        }

        /**
         * Serves {@code /probe?target=host:port} (blackbox_exporter's multi-target pattern) under
         * {@code policy}; without one (the default) {@code /probe} is not served: it would let whoever reaches
         * the endpoint send SYNs anywhere. The monitor must be running for probes to be answered.
         */
        public Builder probe(ProbePolicy policy) {
            this.probePolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** Which targets get a latency histogram, with which buckets; {@link Histograms#ALL} by default. */
        public Builder histograms(Histograms histograms) {
            this.histograms = Objects.requireNonNull(histograms, "histograms");
            return this;
        }

        /** Serves HTTPS with the first key entry of a PKCS12 keystore (the same password for store and key). */
        public Builder tls(Path pkcs12Keystore, char[] password) {
            this.keystore = Objects.requireNonNull(pkcs12Keystore, "pkcs12Keystore");
            this.keystorePassword = Objects.requireNonNull(password, "password").clone();
            return this;
        }

        /** Other deadlines for a client's headers and whole exchange than {@link HandlerPool}'s: for tests. */
        Builder deadlines(Duration headers, Duration exchange) {
            this.headersDeadline = Objects.requireNonNull(headers, "headers");
            this.exchangeDeadline = Objects.requireNonNull(exchange, "exchange");
            return this;
        }

        /**
         * Binds and starts serving.
         *
         * @throws IOException for every reason the endpoint cannot run, with what and what to do: the port
         *         is taken, the host is not an address of this machine, the password hash or the keystore is
         *         unusable. Nothing has been started then.
         */
        public MetricsEndpoint start() throws IOException {
            if (port < 0 || port > 65535) {
                throw new IOException("exporter port " + port + " is out of range: expected 0..65535 (0 = any free port)");
            }
            Authenticator authenticator = authenticator();
            SSLContext tls = keystore == null ? null : Keystores.sslContext(keystore, keystorePassword);
            InetSocketAddress address = new InetSocketAddress(resolve(host), port);

            TcpshakeCollector collector = new TcpshakeCollector(monitor, reloadControl, histograms);
            HandlerPool handlers = new HandlerPool(headersDeadline.toMillis(), exchangeDeadline.toMillis());
            DowntimeLedger downtime = new DowntimeLedger();
            monitor.addListener(downtime);
            try {
                HttpServer server = startServer(address, tls, collector, downtime, authenticator, handlers);
                return new MetricsEndpoint(server, handlers, monitor, downtime, tls == null ? "http" : "https", host);
            } catch (IOException | RuntimeException e) {
                monitor.removeListener(downtime);
                handlers.shutdown();
                throw e;
            }
        }

        private Authenticator authenticator() throws IOException {
            if (user == null) {
                return null;
            }
            String error = PasswordHash.validate(passwordHash);
            if (error != null) {
                throw new IOException(error);
            }
            return new PasswordAuthenticator(user, PasswordHash.parse(passwordHash));
        }

        private static InetAddress resolve(String host) throws IOException {
            try {
                return InetAddress.getByName(host);
            } catch (UnknownHostException e) {
                throw new IOException("exporter host '" + host + "' is not an address of this machine: use an IP"
                        + " address such as 127.0.0.1, or 0.0.0.0 for every interface", e);
            }
        }

        /**
         * Creates and starts the JDK server on a daemon thread in a thread group of its own: the JDK's
         * dispatcher thread inherits daemon status from the thread that starts the server, and the group
         * lets us give the JDK's threads tcpshake names.
         */
        private HttpServer startServer(InetSocketAddress address, SSLContext tls, TcpshakeCollector collector,
                DowntimeLedger downtime, Authenticator authenticator, HandlerPool handlers) throws IOException {
            if (Thread.currentThread().isInterrupted()) {
                // Decided before anything starts: FutureTask.get() does not look at the interrupt when the
                // task is already done, so checking only there would start the server or not by chance.
                throw new InterruptedIOException("interrupted before starting the tcpshake exporter on " + where());
            }
            ThreadGroup group = new ThreadGroup("tcpshake-exporter");
            FutureTask<HttpServer> task = new FutureTask<>(() -> {
                HttpServer server = bind(address, tls);
                try {
                    addContext(server, "/metrics", new LimitedHandler(new MetricsHandler(collector), SCRAPES_AT_ONCE,
                            TimeUnit.SECONDS.toMillis(SCRAPE_WAIT_SECONDS)), authenticator);
                    addContext(server, "/-/healthy", new HealthyHandler(), authenticator);
                    // The page and its JSON are built whole too (~14 and ~10 MB at 10,000 targets): limited alike.
                    addContext(server, "/", new LimitedHandler(new StatusPage(monitor, downtime, discovery), SCRAPES_AT_ONCE,
                            TimeUnit.SECONDS.toMillis(SCRAPE_WAIT_SECONDS)), authenticator);
                    addContext(server, "/status.json", new LimitedHandler(new StatusJson(monitor, downtime, discovery),
                            SCRAPES_AT_ONCE, TimeUnit.SECONDS.toMillis(SCRAPE_WAIT_SECONDS)), authenticator);
                    if (probePolicy != null) {
                        addContext(server, "/probe", new ProbeHandler(monitor, probePolicy), authenticator);
                    }
                    server.setExecutor(handlers);
                    server.start();
                    return server;
                } catch (RuntimeException e) {
                    server.stop(0);
                    throw e;
                }
            });
            Thread starter = new Thread(group, task, "tcpshake-exporter-start");
            starter.setDaemon(true);
            starter.start();
            boolean interrupted = false;
            HttpServer server = null;
            try {
                while (server == null) {
                    try {
                        server = task.get();
                    } catch (InterruptedException e) {
                        // Starting takes milliseconds: wait it out, so no server is left running unseen.
                        interrupted = true;
                    }
                }
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof IOException) {
                    throw (IOException) cause;
                }
                throw new IOException("the tcpshake exporter could not start on " + where() + ": " + cause, cause);
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            if (interrupted) {
                server.stop(0);
                throw new InterruptedIOException("interrupted while starting the tcpshake exporter on " + where());
            }
            nameJdkThreads(group);
            return server;
        }

        private HttpServer bind(InetSocketAddress address, SSLContext tls) throws IOException {
            try {
                if (tls == null) {
                    return HttpServer.create(address, 0);
                }
                HttpsServer server = HttpsServer.create(address, 0);
                server.setHttpsConfigurator(new HttpsConfigurator(tls));
                return server;
            } catch (BindException e) {
                String reason = String.valueOf(e.getMessage());
                if (reason.contains("in use")) {
                    // What to change is the caller's to say (the agent names its targets.yaml keys).
                    throw new IOException("port " + port + " on " + host + " is already in use by another"
                            + " process (or another tcpshake endpoint)", e);
                }
                throw new IOException("cannot bind the exporter to " + where() + " (" + reason + "): is " + host
                        + " an address of this machine? Use e.g. 127.0.0.1 or 0.0.0.0", e);
            }
        }

        private String where() {
            return HostPort.format(host, port);
        }

        private static void addContext(HttpServer server, String path, HttpHandler handler,
                Authenticator authenticator) {
            HttpContext context = server.createContext(path, handler);
            // User filters run before the JDK's authenticator: limits first, then basic auth.
            context.getFilters().add(new RequestFilter());
            if (authenticator != null) {
                context.setAuthenticator(authenticator);
            }
        }

        /** The JDK names its server threads {@code HTTP-Dispatcher} and {@code idle-timeout-task}; prefix them. */
        private static void nameJdkThreads(ThreadGroup group) {
            Thread[] threads = new Thread[group.activeCount() + 8];
            int count = group.enumerate(threads);
            for (Thread thread : Arrays.copyOf(threads, count)) {
                if (!thread.getName().startsWith("tcpshake-")) {
                    thread.setName("tcpshake-exporter-" + thread.getName());
                }
            }
        }
    }
}
