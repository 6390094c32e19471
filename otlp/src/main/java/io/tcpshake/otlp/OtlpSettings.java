package io.tcpshake.otlp;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Where and how often {@link OtlpOutput} pushes: the collector's metrics URL, request headers, the request
 * timeout, the export interval and the resource attributes ({@code service.name} always among them).
 * Immutable; two settings are equal when they push the same way.
 *
 * <p>Start from {@link #builder()} (OpenTelemetry's defaults) or {@link #fromEnvironment(Map)} (the standard
 * {@code OTEL_*} variables over those defaults); whatever the builder is told afterwards wins over both.
 */
public final class OtlpSettings {
    /** The only protocol spoken: OTLP over HTTP with a protobuf body. */
    public static final String PROTOCOL = "http/protobuf";
    /** OpenTelemetry's default metrics URL: a collector on this host. */
    public static final URI DEFAULT_ENDPOINT = URI.create("http://localhost:4318/v1/metrics");
    /** OpenTelemetry's default export interval ({@code OTEL_METRIC_EXPORT_INTERVAL}). */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);
    /** OpenTelemetry's default exporter timeout ({@code OTEL_EXPORTER_OTLP_TIMEOUT}). */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** The {@code service.name} OpenTelemetry gives a Java process that names none. */
    public static final String DEFAULT_SERVICE_NAME = "unknown_service:java";
    static final String METRICS_PATH = "/v1/metrics";

    private final URI endpoint;
    private final Map<String, String> headers;
    private final Duration timeout;
    private final Duration interval;
    private final Map<String, String> resource;

    private OtlpSettings(Builder b) {
        this.endpoint = b.endpoint;
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(b.headers));
        this.timeout = b.timeout;
        this.interval = b.interval;
        Map<String, String> attributes = new LinkedHashMap<>(b.resource);
        attributes.putIfAbsent("service.name", DEFAULT_SERVICE_NAME);
        this.resource = Collections.unmodifiableMap(attributes);
    }

    /** OpenTelemetry's defaults: {@link #DEFAULT_ENDPOINT}, every 60 s, 10 s timeout, no headers. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder filled from the standard variables in {@code environment} (the process's is
     * {@code System.getenv()}): {@code OTEL_EXPORTER_OTLP_[METRICS_]ENDPOINT}, {@code _HEADERS},
     * {@code _TIMEOUT}, {@code _PROTOCOL}, {@code OTEL_METRIC_EXPORT_INTERVAL}, {@code OTEL_SERVICE_NAME} and
     * {@code OTEL_RESOURCE_ATTRIBUTES}, read as the OpenTelemetry SDKs read them (the metrics-specific
     * variable over the general one; the general endpoint gets {@code /v1/metrics} appended).
     *
     * @throws IllegalArgumentException naming the variable whose value is wrong
     */
    public static Builder fromEnvironment(Map<String, String> environment) {
        return OtelEnvironment.apply(environment, builder());
    }

    /** The URL the metrics are posted to, e.g. {@code http://collector:4318/v1/metrics}. */
    public URI endpoint() {
        return endpoint;
    }

    /** Headers sent with every request (e.g. an API key), in the order given. */
    public Map<String, String> headers() {
        return headers;
    }

    /** How long one push may take, connection included, before it is given up. */
    public Duration timeout() {
        return timeout;
    }

    /** How often the metrics are pushed. */
    public Duration interval() {
        return interval;
    }

    /** The resource attributes; {@code service.name} is always there. */
    public Map<String, String> resource() {
        return resource;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof OtlpSettings)) {
            return false;
        }
        OtlpSettings s = (OtlpSettings) o;
        return endpoint.equals(s.endpoint) && headers.equals(s.headers) && timeout.equals(s.timeout)
                && interval.equals(s.interval) && resource.equals(s.resource);
    }

    @Override
    public int hashCode() {
        return Objects.hash(endpoint, headers, timeout, interval, resource);
    }

    /** Header values are left out: they often carry an API key. */
    @Override
    public String toString() {
        return "otlp to " + endpoint + " every " + seconds(interval) + " (timeout " + seconds(timeout) + ", "
                + (headers.isEmpty() ? "no headers" : "headers " + String.join(", ", headers.keySet()))
                + ", service.name " + resource.get("service.name") + ")";
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.getSeconds() + "s" : d.toMillis() + "ms";
    }

    /** Collects the settings; each setter checks its value and says what is wrong. */
    public static final class Builder {
        private URI endpoint = DEFAULT_ENDPOINT;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private Duration timeout = DEFAULT_TIMEOUT;
        private Duration interval = DEFAULT_INTERVAL;
        private final Map<String, String> resource = new LinkedHashMap<>();
        private String protocol = PROTOCOL;
        private String protocolSource = "protocol";

        private Builder() {
        }

        /**
         * The collector's metrics URL, {@code http} or {@code https}. A URL without a path gets
         * {@code /v1/metrics}, so {@code http://collector:4318} works as it does for the collector's docs.
         *
         * @throws IllegalArgumentException when it is not such a URL
         */
        public Builder endpoint(String url) {
            this.endpoint = metricsUrl(url, false);
            return this;
        }

        /** {@code http/protobuf}, the only one spoken; another is an error when {@link #build()} is called. */
        public Builder protocol(String protocol) {
            return protocol(protocol, "protocol");
        }

        Builder protocol(String protocol, String source) {
            this.protocol = Objects.requireNonNull(protocol, "protocol").trim().toLowerCase(Locale.ROOT);
            this.protocolSource = source;
            return this;
        }

        /** Replaces the headers with {@code headers} (names and values as given). */
        public Builder headers(Map<String, String> headers) {
            this.headers.clear();
            headers.forEach(this::header);
            return this;
        }

        /** Adds one header. */
        public Builder header(String name, String value) {
            if (name == null || name.trim().isEmpty() || !name.trim().chars().allMatch(Builder::isTokenChar)) {
                throw new IllegalArgumentException("header name '" + name + "' is not an HTTP header name");
            }
            if (value == null || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("header " + name + " has a value with a line break or none");
            }
            headers.put(name.trim(), value);
            return this;
        }

        /** How long one push may take; more than 0. */
        public Builder timeout(Duration timeout) {
            this.timeout = positive(timeout, "timeout");
            return this;
        }

        /** How often to push; at least 100 ms. */
        public Builder interval(Duration interval) {
            if (positive(interval, "interval").toMillis() < 100) {
                throw new IllegalArgumentException("interval " + interval.toMillis() + "ms is too short: at least"
                        + " 100ms (OpenTelemetry's default is 60s)");
            }
            this.interval = interval;
            return this;
        }

        /** Adds one resource attribute, e.g. {@code service.name} or {@code deployment.environment.name}. */
        public Builder resourceAttribute(String key, String value) {
            if (key == null || key.trim().isEmpty() || value == null) {
                throw new IllegalArgumentException("a resource attribute needs a key and a value, found '" + key
                        + "'='" + value + "'");
            }
            resource.put(key.trim(), value);
            return this;
        }

        /** @throws IllegalArgumentException when the protocol is not {@code http/protobuf} */
        public OtlpSettings build() {
            if (!protocol.equals(PROTOCOL)) {
                throw new IllegalArgumentException(protocolSource + " '" + protocol + "' is not supported: tcpshake "
                        + "pushes OTLP as " + PROTOCOL + " only (a collector's HTTP receiver, port 4318)");
            }
            return new OtlpSettings(this);
        }

        Builder endpointUri(URI uri) {
            this.endpoint = uri;
            return this;
        }

        /**
         * {@code url} as a metrics URL; {@code base} (the general endpoint variable) always gets
         * {@code v1/metrics} appended to its path, as the OpenTelemetry SDKs do.
         */
        static URI metricsUrl(String url, boolean base) {
            URI uri;
            try {
                uri = new URI(url == null ? "" : url.trim());
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("endpoint '" + url + "' is not a URL: " + e.getReason());
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw new IllegalArgumentException("endpoint '" + url + "' is not an http:// or https:// URL with a"
                        + " host, e.g. http://localhost:4318");
            }
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            if (base) {
                path = (path.endsWith("/") ? path.substring(0, path.length() - 1) : path) + METRICS_PATH;
            } else if (path.isEmpty() || path.equals("/")) {
                path = METRICS_PATH;
            }
            return URI.create(scheme + "://" + uri.getRawAuthority() + path
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
        }

        private static Duration positive(Duration d, String what) {
            if (d == null || d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(what + " must be more than 0, found " + d);
            }
            return d;
        }

        private static boolean isTokenChar(int c) {
            return c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
        }
    }
}
