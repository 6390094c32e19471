package io.tcpshake.otlp;

import io.opentelemetry.exporter.internal.otlp.metrics.MetricsRequestMarshaler;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.tcpshake.core.TcpshakeLoggers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;

/**
 * Posts one OTLP export request (encoded by OpenTelemetry's own marshaler) to the collector, on the calling
 * thread, with the JDK's {@link HttpURLConnection}. A push that fails is dropped, never retried nor queued:
 * the sums and the histogram are cumulative, so the next push that gets through carries every count. An
 * outage is logged once when it starts and once when it ends, whatever the number of pushes in between.
 *
 * <p>Why not OpenTelemetry's {@code OtlpHttpMetricExporter} with its JDK sender: its {@code HttpClient}
 * keeps a selector thread and the sender an executor of its own (two more threads in the host application),
 * it retries with back-off, and it reports every failed export through {@code java.util.logging} under
 * logger names the host application's own OpenTelemetry SDK shares.
 */
final class OtlpHttpPush {
    private static final int MAX_REASON_CHARS = 200;
    private static final System.Logger LOG = TcpshakeLoggers.get(OtlpOutput.LOGGER);

    private final OtlpSettings settings;
    private final URL url;
    // Touched by the one pushing thread only.
    private long failedPushes;

    OtlpHttpPush(OtlpSettings settings) throws IOException {
        this.settings = settings;
        this.url = settings.endpoint().toURL();
    }

    /** Sends {@code metrics}; never throws: a failure is logged (once per outage) and the request dropped. */
    void push(Collection<MetricData> metrics) {
        String failure;
        try {
            failure = post(MetricsRequestMarshaler.create(metrics));
        } catch (SocketTimeoutException e) {
            failure = "no answer within " + settings.timeout().toMillis() + " ms";
        } catch (IOException | RuntimeException e) {
            failure = e.toString();
        }
        if (failure == null) {
            if (failedPushes > 0) {
                LOG.log(System.Logger.Level.INFO, "tcpshake: pushing metrics to " + settings.endpoint()
                        + " works again, after " + failedPushes + (failedPushes == 1 ? " failed push" : " failed pushes"));
            }
            failedPushes = 0;
            return;
        }
        if (failedPushes++ == 0) {
            LOG.log(System.Logger.Level.WARNING, "tcpshake: cannot push metrics to " + settings.endpoint() + ": "
                    + failure + "; trying again every " + settings.interval().toMillis() / 1000.0 + " s (what was"
                    + " not sent is dropped: counts are cumulative, the next push that gets through has them). Check"
                    + " that the collector runs and listens there (otlp.endpoint in the targets file, or "
                    + OtelEnvironment.METRICS_ENDPOINT + "); logged once until it works again");
        }
    }

    /** Null when the collector took it (2xx), else why not. */
    private String post(MetricsRequestMarshaler request) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) url.openConnection(Proxy.NO_PROXY);
        try {
            int timeout = (int) Math.min(Integer.MAX_VALUE, settings.timeout().toMillis());
            connection.setConnectTimeout(timeout);
            connection.setReadTimeout(timeout);
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setUseCaches(false);
            int size = request.getBinarySerializedSize();
            connection.setFixedLengthStreamingMode(size);
            for (Map.Entry<String, String> header : settings.headers().entrySet()) {
                connection.setRequestProperty(header.getKey(), header.getValue());
            }
            connection.setRequestProperty("Content-Type", "application/x-protobuf");
            // One push a minute needs no kept-alive connection: a collector that closes as asked (the
            // OpenTelemetry Collector does) leaves nothing in the JDK's keep-alive cache, whose timer thread
            // otherwise stays 5 s after each push.
            connection.setRequestProperty("Connection", "close");
            try (OutputStream out = connection.getOutputStream()) {
                request.writeBinaryTo(out);
            }
            int status = connection.getResponseCode();
            if (status >= 200 && status < 300) {
                drain(connection.getInputStream());
                return null;
            }
            String body = bodyOf(connection.getErrorStream());
            return "the collector answered HTTP " + status + (body.isEmpty() ? "" : " " + body);
        } finally {
            connection.disconnect();
        }
    }

    private static void drain(InputStream in) throws IOException {
        if (in != null) {
            try (InputStream body = in) {
                body.readNBytes(64 * 1024);
            }
        }
    }

    /** The start of an error body as text: a collector says there what it did not like. */
    private static String bodyOf(InputStream in) throws IOException {
        if (in == null) {
            return "";
        }
        try (InputStream body = in) {
            String text = new String(body.readNBytes(MAX_REASON_CHARS), StandardCharsets.UTF_8)
                    .replaceAll("[^\\x20-\\x7e]+", " ").trim();
            return text.isEmpty() ? "" : "(" + text + ")";
        }
    }
}
