package io.tcpshake.exporter;

import io.prometheus.client.Collector.MetricFamilySamples;
import io.prometheus.client.Collector.Type;
import io.tcpshake.core.CheckResult;
import io.tcpshake.core.HostPort;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * What one {@code /probe} found, as the series a blackbox_exporter tcp module's user relies on
 * ({@code probe_success}, {@code probe_duration_seconds}, {@code probe_ip_protocol},
 * {@code probe_dns_lookup_time_seconds}, {@code probe_ip_addr_hash}) and tcpshake's own
 * ({@code probe_tcpshake_outcome{outcome,errno}}, {@code probe_tcpshake_check_duration_seconds}); and, for
 * {@code debug=true}, the steps taken. Built fresh for each request, as blackbox builds a registry per probe.
 */
final class ProbeReport {
    private final long startNanos = System.nanoTime();
    /** The steps, for {@code debug=true}; null otherwise, so a probe does not format lines it never shows. */
    private final List<String> log;
    private double dnsSeconds;
    private InetSocketAddress address;
    private CheckResult result;

    ProbeReport(boolean keepSteps) {
        this.log = keepSteps ? new ArrayList<>() : null;
    }

    /** Notes a step for {@code debug=true}; {@code line} is made only then. */
    void step(Supplier<String> line) {
        if (log != null) {
            log.add(String.format(Locale.ROOT, "%.6fs %s", (System.nanoTime() - startNanos) / 1e9, line.get()));
        }
    }

    void resolved(InetSocketAddress resolved, long lookupNanos) {
        this.address = resolved;
        this.dnsSeconds = lookupNanos / 1e9;
    }

    void checked(CheckResult checked) {
        this.result = checked;
    }

    List<String> log() {
        return log == null ? List.of() : Collections.unmodifiableList(log);
    }

    /** The series of this probe; {@code probe_success} 0 when it did not get as far as a check. */
    List<MetricFamilySamples> families() {
        List<MetricFamilySamples> families = new ArrayList<>(7);
        families.add(gauge("probe_dns_lookup_time_seconds", "Time taken to resolve the target's name, in seconds.",
                dnsSeconds));
        families.add(gauge("probe_duration_seconds", "How long the probe took to complete, in seconds.",
                (System.nanoTime() - startNanos) / 1e9));
        if (address != null) {
            families.add(gauge("probe_ip_addr_hash", "A hash of the IP address probed, to see when it changes.",
                    ipHash(address)));
        }
        families.add(gauge("probe_ip_protocol", "Whether the probe used IPv4 (4) or IPv6 (6); 0 before resolving.",
                address == null ? 0 : address.getAddress().getAddress().length == 4 ? 4 : 6));
        families.add(gauge("probe_success", "Whether the probe was a success: 1 the target answered the SYN.",
                result != null && result.isUp() ? 1 : 0));
        if (result != null) {
            families.add(gauge("probe_tcpshake_check_duration_seconds",
                    "The half-open check's own time, from its SYN to the answer or the timeout, in seconds.",
                    result.latencyNanos() / 1e9));
            families.add(new MetricFamilySamples("probe_tcpshake_outcome", Type.GAUGE,
                    "The half-open check's outcome (up, refused, timeout, unreachable, resolve_failed, error) and"
                            + " errno; always 1.",
                    Collections.singletonList(new MetricFamilySamples.Sample("probe_tcpshake_outcome",
                            Arrays.asList("outcome", "errno"),
                            Arrays.asList(result.outcome().label(), result.isUp() ? "" : result.errnoName()), 1))));
        }
        return families;
    }

    private static MetricFamilySamples gauge(String name, String help, double value) {
        return new MetricFamilySamples(name, Type.GAUGE, help, Collections.singletonList(
                new MetricFamilySamples.Sample(name, Collections.emptyList(), Collections.emptyList(), value)));
    }

    /** blackbox_exporter's hash: FNV-1a (32 bits) of the address's text. */
    private static double ipHash(InetSocketAddress address) {
        int hash = 0x811c9dc5;
        String formatted = HostPort.format(address);
        String ip = formatted.substring(0, formatted.lastIndexOf(':')).replace("[", "").replace("]", "");
        for (byte b : ip.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x01000193;
        }
        return hash & 0xffffffffL;
    }
}
