package io.tcpshake.otlp;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The standard {@code OTEL_*} variables, read as OpenTelemetry's SDKs read them: an empty variable counts as
 * unset, the metrics-specific one wins over the general one, durations are milliseconds (a unit such as
 * {@code 10s} is accepted too, as OpenTelemetry Java does), lists are {@code key=value,key=value} with
 * percent-encoded values.
 */
final class OtelEnvironment {
    static final String ENDPOINT = "OTEL_EXPORTER_OTLP_ENDPOINT";
    static final String METRICS_ENDPOINT = "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT";
    static final String HEADERS = "OTEL_EXPORTER_OTLP_HEADERS";
    static final String METRICS_HEADERS = "OTEL_EXPORTER_OTLP_METRICS_HEADERS";
    static final String TIMEOUT = "OTEL_EXPORTER_OTLP_TIMEOUT";
    static final String METRICS_TIMEOUT = "OTEL_EXPORTER_OTLP_METRICS_TIMEOUT";
    static final String PROTOCOL = "OTEL_EXPORTER_OTLP_PROTOCOL";
    static final String METRICS_PROTOCOL = "OTEL_EXPORTER_OTLP_METRICS_PROTOCOL";
    static final String INTERVAL = "OTEL_METRIC_EXPORT_INTERVAL";
    static final String SERVICE_NAME = "OTEL_SERVICE_NAME";
    static final String RESOURCE_ATTRIBUTES = "OTEL_RESOURCE_ATTRIBUTES";

    private static final Pattern DURATION = Pattern.compile("\\s*([0-9]{1,12})\\s*(ms|s|m)?\\s*");

    private OtelEnvironment() {
    }

    static OtlpSettings.Builder apply(Map<String, String> env, OtlpSettings.Builder builder) {
        String metricsEndpoint = value(env, METRICS_ENDPOINT);
        String endpoint = value(env, ENDPOINT);
        try {
            if (metricsEndpoint != null) {
                builder.endpoint(metricsEndpoint);
            } else if (endpoint != null) {
                builder.endpointUri(OtlpSettings.Builder.metricsUrl(endpoint, true));
            }
        } catch (IllegalArgumentException e) {
            throw wrong(metricsEndpoint != null ? METRICS_ENDPOINT : ENDPOINT, e);
        }
        String headersVariable = value(env, METRICS_HEADERS) != null ? METRICS_HEADERS : HEADERS;
        String headers = value(env, headersVariable);
        if (headers != null) {
            try {
                builder.headers(pairs(headers));
            } catch (IllegalArgumentException e) {
                throw wrong(headersVariable, e);
            }
        }
        String timeoutVariable = value(env, METRICS_TIMEOUT) != null ? METRICS_TIMEOUT : TIMEOUT;
        if (value(env, timeoutVariable) != null) {
            builder.timeout(duration(timeoutVariable, value(env, timeoutVariable)));
        }
        String protocolVariable = value(env, METRICS_PROTOCOL) != null ? METRICS_PROTOCOL : PROTOCOL;
        if (value(env, protocolVariable) != null) {
            builder.protocol(value(env, protocolVariable), protocolVariable);
        }
        if (value(env, INTERVAL) != null) {
            try {
                builder.interval(duration(INTERVAL, value(env, INTERVAL)));
            } catch (IllegalArgumentException e) {
                throw wrong(INTERVAL, e);
            }
        }
        if (value(env, RESOURCE_ATTRIBUTES) != null) {
            try {
                pairs(value(env, RESOURCE_ATTRIBUTES)).forEach(builder::resourceAttribute);
            } catch (IllegalArgumentException e) {
                throw wrong(RESOURCE_ATTRIBUTES, e);
            }
        }
        if (value(env, SERVICE_NAME) != null) {
            builder.resourceAttribute("service.name", value(env, SERVICE_NAME).trim());
        }
        return builder;
    }

    private static String value(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.trim().isEmpty() ? null : value;
    }

    /** {@code a=1,b=x%20y}: keys trimmed, values percent-decoded (W3C baggage style, as the spec says). */
    static Map<String, String> pairs(String text) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String entry : text.split(",")) {
            if (entry.trim().isEmpty()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq <= 0 || entry.substring(0, eq).trim().isEmpty()) {
                throw new IllegalArgumentException("'" + entry.trim() + "' is not key=value");
            }
            String raw = entry.substring(eq + 1).trim();
            pairs.put(entry.substring(0, eq).trim(), URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8));
        }
        return pairs;
    }

    private static Duration duration(String variable, String text) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException(variable + "='" + text + "' is not a duration: expected milliseconds,"
                    + " e.g. 10000");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "ms" : m.group(2);
        Duration d = unit.equals("ms") ? Duration.ofMillis(n) : unit.equals("s") ? Duration.ofSeconds(n)
                : Duration.ofMinutes(n);
        if (d.isZero()) {
            throw new IllegalArgumentException(variable + "='" + text + "' must be more than 0");
        }
        return d;
    }

    private static IllegalArgumentException wrong(String variable, IllegalArgumentException e) {
        String message = e.getMessage();
        return new IllegalArgumentException(message.startsWith(variable) ? message : variable + ": " + message, e);
    }
}
