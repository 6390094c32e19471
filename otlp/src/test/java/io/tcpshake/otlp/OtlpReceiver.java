package io.tcpshake.otlp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;

/**
 * An OTLP/HTTP metrics receiver for tests: the JDK's HttpServer on 127.0.0.1, port 0, decoding every
 * {@code POST /v1/metrics} body with OpenTelemetry's own protobuf schema (opentelemetry-proto), as a
 * collector's OTLP receiver does. A body that does not decode is answered 400 and kept as an error.
 */
public final class OtlpReceiver implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private final List<ExportMetricsServiceRequest> requests = new CopyOnWriteArrayList<>();
    private final List<Map<String, String>> headers = new CopyOnWriteArrayList<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private volatile int status = 200;

    public OtlpReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/v1/metrics", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** The metrics URL, e.g. {@code http://127.0.0.1:40123/v1/metrics}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/metrics";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Answers every request after this with {@code status} (decoding it all the same). */
    public void answer(int status) {
        this.status = status;
    }

    /** Every request decoded so far, in arrival order. */
    public List<ExportMetricsServiceRequest> requests() {
        return new ArrayList<>(requests);
    }

    /** The headers of each request (names in lower case), in arrival order. */
    public List<Map<String, String>> headers() {
        return new ArrayList<>(headers);
    }

    /** Why bodies failed to decode; empty when all did. */
    public List<String> errors() {
        return new ArrayList<>(errors);
    }

    /** The latest request's metric {@code name}, empty before it arrives. */
    public Optional<Metric> latest(String name) {
        List<ExportMetricsServiceRequest> all = requests();
        for (int i = all.size() - 1; i >= 0; i--) {
            for (ResourceMetrics resource : all.get(i).getResourceMetricsList()) {
                for (ScopeMetrics scope : resource.getScopeMetricsList()) {
                    for (Metric metric : scope.getMetricsList()) {
                        if (metric.getName().equals(name)) {
                            return Optional.of(metric);
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The string value of attribute {@code key} in {@code attributes}, or null. */
    public static String attribute(List<KeyValue> attributes, String key) {
        for (KeyValue kv : attributes) {
            if (kv.getKey().equals(key)) {
                AnyValue v = kv.getValue();
                return v.hasIntValue() ? Long.toString(v.getIntValue()) : v.getStringValue();
            }
        }
        return null;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            if (!exchange.getRequestMethod().equals("POST")) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, String> seen = new ConcurrentHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> seen.put(k.toLowerCase(java.util.Locale.ROOT),
                    String.join(",", v)));
            try {
                requests.add(ExportMetricsServiceRequest.parseFrom(body));
                headers.add(seen);
            } catch (IOException e) {
                errors.add(e.toString());
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            byte[] answer = ExportMetricsServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
