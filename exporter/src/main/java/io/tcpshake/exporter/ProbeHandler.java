package io.tcpshake.exporter;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.prometheus.client.exporter.common.TextFormat;
import io.tcpshake.core.CheckResult;
import io.tcpshake.core.HostPort;
import io.tcpshake.core.InputText;
import io.tcpshake.core.monitor.MonitorView;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UnsupportedEncodingException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.time.Duration;
import java.util.Collections;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code /probe?target=HOST:PORT}: one half-open check per request, in blackbox_exporter's multi-target
 * style, so a Prometheus job written for its {@code tcp_connect} module works after changing only the
 * exporter's address. {@code module} is accepted and ignored (tcpshake has one prober); {@code debug=true}
 * shows the steps beside the series. The check's timeout is the scrape timeout Prometheus sends
 * ({@value #SCRAPE_TIMEOUT_HEADER}) less {@value #TIMEOUT_OFFSET_SECONDS} s, as blackbox does, and at most
 * the policy's.
 *
 * <p>Answers: 200 with the series when a check was made or the name did not resolve ({@code probe_success 0}
 * then); 400 for a missing or malformed target or timeout header; 403 when the address is not in the
 * allow-list (no packet sent); 429 over the rate, when {@value #PROBES_AT_ONCE} probes are in flight, or
 * when a probe of that address is.
 */
final class ProbeHandler implements HttpHandler {
    static final String SCRAPE_TIMEOUT_HEADER = "X-Prometheus-Scrape-Timeout-Seconds";
    static final double TIMEOUT_OFFSET_SECONDS = 0.5;
    /**
     * Probes answered at once: a probe holds a handler thread until its check ends (up to its timeout), so
     * half of {@link HandlerPool#THREADS} at most, and probes of silent targets never hold every thread
     * {@code /metrics} needs.
     */
    static final int PROBES_AT_ONCE = HandlerPool.THREADS / 2;
    private static final String PLAIN = "text/plain; charset=utf-8";

    private final MonitorView monitor;
    private final ProbePolicy policy;
    private final ProbeRate rate;
    private final Semaphore running = new Semaphore(PROBES_AT_ONCE);

    ProbeHandler(MonitorView monitor, ProbePolicy policy) {
        this.monitor = monitor;
        this.policy = policy;
        this.rate = new ProbeRate(policy.perSecond());
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            if (!rate.tryTake()) {
                exchange.getResponseHeaders().set("Retry-After", "1");
                Responses.text(exchange, 429, PLAIN, "too many probes: at most " + policy.perSecond()
                        + " per second here (exporter.probe.rate)\n");
                return;
            }
            String query = exchange.getRequestURI().getRawQuery();
            InetSocketAddress target;
            Duration timeout;
            boolean debug;
            try {
                String text = parameter(query, "target");
                if (text == null || text.isEmpty()) {
                    throw new IllegalArgumentException("target parameter is missing: /probe?target=host:port");
                }
                target = HostPort.parse(text);
                timeout = timeout(exchange.getRequestHeaders().getFirst(SCRAPE_TIMEOUT_HEADER));
                debug = "true".equals(parameter(query, "debug"));
            } catch (IllegalArgumentException e) {
                Responses.text(exchange, 400, PLAIN, e.getMessage() + "\n");
                return;
            }
            if (!running.tryAcquire()) {
                exchange.getResponseHeaders().set("Retry-After", "1");
                Responses.text(exchange, 429, PLAIN, "already " + PROBES_AT_ONCE
                        + " probes in flight here: try again\n");
                return;
            }
            try {
                probe(exchange, target, timeout, debug);
            } finally {
                running.release();
            }
        } catch (RuntimeException e) {
            Responses.serverError(exchange, "probing failed", e);
        } finally {
            exchange.close();
        }
    }

    private void probe(HttpExchange exchange, InetSocketAddress target, Duration timeout, boolean debug)
            throws IOException {
        ProbeReport report = new ProbeReport(debug);
        long deadline = System.nanoTime() + timeout.toNanos();
        report.step(() -> "probing " + HostPort.format(target) + ", timeout " + timeout.toMillis() + " ms");
        InetSocketAddress address;
        if (target.isUnresolved()) {
            long start = System.nanoTime();
            address = resolve(target, timeout, report);
            long lookup = System.nanoTime() - start;
            report.resolved(address, lookup);
            if (address == null) {
                answer(exchange, 200, report, debug);
                return;
            }
            report.step(() -> "resolved to " + HostPort.format(address));
        } else {
            address = target;
            report.resolved(address, 0);
        }
        if (!policy.allows(address)) {
            report.step(() -> HostPort.format(address) + " is not in the allow-list " + policy.allowList());
            Responses.text(exchange, 403, PLAIN, "target " + InputText.quote(HostPort.format(target)) + " ("
                    + HostPort.format(address) + ") is not in this exporter's probe allow-list " + policy.allowList()
                    + ": add its network to exporter.probe.allow\n");
            return;
        }
        long left = Math.max(TimeUnit.MILLISECONDS.toNanos(1), deadline - System.nanoTime());
        CheckResult result;
        try {
            result = monitor.probe(address, Duration.ofNanos(left)).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RejectedExecutionException) {
                exchange.getResponseHeaders().set("Retry-After", "1");
                Responses.text(exchange, 429, PLAIN, e.getCause().getMessage() + ": try again\n");
                return;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            // The exchange ran out of time (HandlerPool): keep the interrupt, it closes the connection.
            Thread.currentThread().interrupt();
            return;
        }
        report.checked(result);
        report.step(() -> "check: " + result);
        answer(exchange, 200, report, debug);
    }

    private InetSocketAddress resolve(InetSocketAddress target, Duration timeout, ProbeReport report) {
        report.step(() -> "resolving " + target.getHostString());
        try {
            InetAddress[] ips = monitor.resolve(target.getHostString(), timeout).get();
            if (ips.length > 0) {
                return new InetSocketAddress(ips[0], target.getPort());
            }
            report.step(() -> "'" + target.getHostString() + "' resolved to no address");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            report.step(() -> "resolving failed: " + (cause instanceof TimeoutException ? cause.getMessage() : cause));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            report.step(() -> "interrupted while resolving");
        }
        return null;
    }

    private static void answer(HttpExchange exchange, int status, ProbeReport report, boolean debug)
            throws IOException {
        StringWriter text = new StringWriter();
        if (debug) {
            text.write("Logs for the probe:\n");
            for (String line : report.log()) {
                text.write(line + "\n");
            }
            text.write("\nMetrics that would have been returned:\n");
            TextFormat.write004(text, Collections.enumeration(report.families()));
            Responses.text(exchange, status, PLAIN, text.toString());
            return;
        }
        String contentType = TextFormat.chooseContentType(exchange.getRequestHeaders().getFirst("Accept"));
        TextFormat.writeFormat(contentType, text, Collections.enumeration(report.families()));
        Responses.text(exchange, status, contentType, text.toString());
    }

    /** blackbox_exporter's rule: the scrape timeout less the offset, at most the policy's timeout. */
    private Duration timeout(String header) {
        Duration max = policy.timeout();
        if (header == null) {
            return max;
        }
        double seconds;
        try {
            seconds = Double.parseDouble(header.trim());
        } catch (NumberFormatException e) {
            seconds = Double.NaN;
        }
        if (!(seconds > 0) || seconds > 86400) {
            throw new IllegalArgumentException("header " + SCRAPE_TIMEOUT_HEADER + " " + InputText.quote(header)
                    + " is not a number of seconds above 0");
        }
        double usable = seconds - TIMEOUT_OFFSET_SECONDS > 0 ? seconds - TIMEOUT_OFFSET_SECONDS : seconds;
        Duration fromHeader = Duration.ofNanos((long) (usable * 1e9));
        return fromHeader.compareTo(max) < 0 ? fromHeader : max;
    }

    private static String parameter(String rawQuery, String name) throws UnsupportedEncodingException {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && name.equals(URLDecoder.decode(pair.substring(0, equals), "UTF-8"))) {
                return URLDecoder.decode(pair.substring(equals + 1), "UTF-8");
            }
        }
        return null;
    }
}
