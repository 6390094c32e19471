package io.tcpshake.agent.config;

import io.tcpshake.core.HostPort;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The Prometheus endpoint's settings ({@code exporter:} block). By default it listens on 127.0.0.1:9464:
 * loopback, because an agent dropped into any JVM should not open a port to the network unasked; set
 * {@code host: 0.0.0.0} (or the agent option {@code host=0.0.0.0}) for a Prometheus on another machine.
 */
public final class ExporterSettings {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 9464;
    public static final ExporterSettings DEFAULT = new ExporterSettings(true, DEFAULT_HOST, DEFAULT_PORT, null, null,
            null, true, List.of());

    private final boolean enabled;
    private final String host;
    private final int port;
    private final BasicAuthSettings basicAuth;
    private final TlsSettings tls;
    private final ProbeSettings probe;
    private final boolean histograms;
    private final List<Double> histogramBuckets;

    ExporterSettings(boolean enabled, String host, int port, BasicAuthSettings basicAuth, TlsSettings tls,
            ProbeSettings probe, boolean histograms, List<Double> histogramBuckets) {
        this.enabled = enabled;
        this.host = Objects.requireNonNull(host, "host");
        this.port = port;
        this.basicAuth = basicAuth;
        this.tls = tls;
        this.probe = probe;
        this.histograms = histograms;
        this.histogramBuckets = List.copyOf(histogramBuckets);
    }

    /** Whether the endpoint is started at all. */
    public boolean enabled() {
        return enabled;
    }

    /** The address to bind: an IP literal (IPv6 without brackets), {@code 0.0.0.0} / {@code ::} for all. */
    public String host() {
        return host;
    }

    /** TCP port to bind; 0 means any free port (the bound one is logged and shown by the MBean). */
    public int port() {
        return port;
    }

    public Optional<BasicAuthSettings> basicAuth() {
        return Optional.ofNullable(basicAuth);
    }

    public Optional<TlsSettings> tls() {
        return Optional.ofNullable(tls);
    }

    /** {@code /probe}, empty when off (the default). */
    public Optional<ProbeSettings> probe() {
        return Optional.ofNullable(probe);
    }

    /** Whether targets get a latency histogram unless their own {@code histogram:} says otherwise. */
    public boolean histograms() {
        return histograms;
    }

    /** The histogram's bucket bounds in seconds; empty for every bound the monitor records. */
    public List<Double> histogramBuckets() {
        return histogramBuckets;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ExporterSettings)) {
            return false;
        }
        ExporterSettings e = (ExporterSettings) o;
        return enabled == e.enabled && port == e.port && host.equals(e.host)
                && Objects.equals(basicAuth, e.basicAuth) && Objects.equals(tls, e.tls)
                && Objects.equals(probe, e.probe) && histograms == e.histograms
                && histogramBuckets.equals(e.histogramBuckets);
    }

    @Override
    public int hashCode() {
        return Objects.hash(enabled, host, port, basicAuth, tls, probe, histograms, histogramBuckets);
    }

    @Override
    public String toString() {
        if (!enabled) {
            return "exporter off";
        }
        return "exporter on " + HostPort.format(host, port) + (tls != null ? ", " + tls : "")
                + (basicAuth != null ? ", " + basicAuth : "") + (probe != null ? ", " + probe : "");
    }
}
