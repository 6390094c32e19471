package io.tcpshake.otlp;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.common.InstrumentationScopeInfoBuilder;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.Data;
import io.opentelemetry.sdk.metrics.data.GaugeData;
import io.opentelemetry.sdk.metrics.data.HistogramData;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.MetricDataType;
import io.opentelemetry.sdk.metrics.data.SumData;
import io.opentelemetry.sdk.resources.Resource;
import io.tcpshake.core.Outcome;
import io.tcpshake.core.monitor.LatencySummary;
import io.tcpshake.core.monitor.MonitorSnapshot;
import io.tcpshake.core.monitor.MonitorView;
import io.tcpshake.core.monitor.Target;
import io.tcpshake.core.monitor.TargetSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tcpshake metrics in OpenTelemetry's shape, read from one {@link MonitorView#snapshot()} per export, so
 * nothing is measured twice and every point of one export describes the same moment. Built as data rather
 * than observable instruments: the latency histogram already exists in the snapshot, and the metrics API has
 * no observable histogram.
 *
 * <p>Per target, with attributes {@code tcpshake.target.name}, {@code server.address}, {@code server.port}
 * and the target's labels: {@code tcpshake.target.up} (gauge: 1 up, 0 down, -1 unknown),
 * {@code tcpshake.checks} (counter by {@code tcpshake.check.outcome}, zeros included),
 * {@code tcpshake.check.duration} (histogram in seconds of the checks that got an answer) and
 * {@code tcpshake.target.state_changes} (counter). Monitor-wide: {@code tcpshake.checks.in_flight}.
 * Sums and the histogram are cumulative from when the target was first exported.
 */
final class SnapshotMetrics {
    static final AttributeKey<String> TARGET = AttributeKey.stringKey("tcpshake.target.name");
    static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("tcpshake.check.outcome");
    private static final Outcome[] OUTCOMES = Outcome.values();
    private static final List<Double> BOUNDARIES = boundaries();

    private final MonitorView monitor;
    private final InstrumentationScopeInfo scope;
    private final long startNanos;
    /** Attributes and first-export time per target; pruned when it holds many targets no longer there. */
    private final Map<Target, TargetSeries> series = new ConcurrentHashMap<>();

    SnapshotMetrics(MonitorView monitor, long startNanos) {
        this.monitor = monitor;
        this.startNanos = startNanos;
        InstrumentationScopeInfoBuilder scopeBuilder = InstrumentationScopeInfo.builder("io.tcpshake");
        String version = SnapshotMetrics.class.getPackage().getImplementationVersion();
        this.scope = (version == null ? scopeBuilder : scopeBuilder.setVersion(version)).build();
    }

    /** The metrics of the monitor now, as points of {@code resource}. */
    Collection<MetricData> read(Resource resource) {
        MonitorSnapshot snapshot = monitor.snapshot();
        long now = nanos(snapshot.takenAt());
        List<TargetSnapshot> targets = snapshot.targets();
        List<LongPointData> up = new ArrayList<>(targets.size());
        List<LongPointData> checks = new ArrayList<>(targets.size() * OUTCOMES.length);
        List<HistogramPointData> durations = new ArrayList<>(targets.size());
        List<LongPointData> changes = new ArrayList<>(targets.size());
        for (TargetSnapshot target : targets) {
            TargetSeries s = seriesOf(target.target(), now);
            up.add(LongPointData.create(s.start, now, s.attributes, target.state().gaugeValue()));
            Map<Outcome, Long> counts = target.checksByOutcome();
            for (int i = 0; i < OUTCOMES.length; i++) {
                Long count = counts.get(OUTCOMES[i]);
                checks.add(LongPointData.create(s.start, now, s.byOutcome[i], count == null ? 0 : count));
            }
            durations.add(histogram(s, now, target.latency()));
            changes.add(LongPointData.create(s.start, now, s.attributes, target.stateChanges()));
        }
        if (series.size() > targets.size() + 64) {
            Set<Target> current = new HashSet<>();
            targets.forEach(t -> current.add(t.target()));
            series.keySet().retainAll(current);
        }
        List<MetricData> metrics = new ArrayList<>(5);
        if (!targets.isEmpty()) {
            metrics.add(metric(resource, "tcpshake.target.up", "Whether the target is up after rise/fall: 1 up, 0 "
                    + "down, -1 unknown (no check has decided yet).", "1", MetricDataType.LONG_GAUGE,
                    GaugeData.createLongGaugeData(up)));
            metrics.add(metric(resource, "tcpshake.checks", "Checks made, by outcome (up, refused, timeout, "
                    + "unreachable, resolve_failed, error).", "{check}", MetricDataType.LONG_SUM,
                    SumData.createLongSumData(true, AggregationTemporality.CUMULATIVE, checks)));
            metrics.add(metric(resource, "tcpshake.check.duration", "Time from the start of a check to its answer "
                    + "(SYN-ACK or RST), for checks that got one.", "s", MetricDataType.HISTOGRAM,
                    HistogramData.create(AggregationTemporality.CUMULATIVE, durations)));
            metrics.add(metric(resource, "tcpshake.target.state_changes", "Times the target's state changed (the "
                    + "first decision after unknown counts).", "{change}", MetricDataType.LONG_SUM,
                    SumData.createLongSumData(true, AggregationTemporality.CUMULATIVE, changes)));
        }
        metrics.add(metric(resource, "tcpshake.checks.in_flight", "Checks started and not yet finished, over all "
                + "targets.", "{check}", MetricDataType.LONG_SUM, SumData.createLongSumData(false,
                        AggregationTemporality.CUMULATIVE, Collections.singletonList(LongPointData.create(startNanos,
                                now, Attributes.empty(), snapshot.checksInFlight())))));
        return metrics;
    }

    private MetricData metric(Resource resource, String name, String description, String unit, MetricDataType type,
            Data<?> data) {
        return new SnapshotMetric(resource, scope, name, description, unit, type, data);
    }

    private TargetSeries seriesOf(Target target, long now) {
        TargetSeries s = series.get(target);
        if (s == null) {
            s = new TargetSeries(target, now);
            series.put(target, s);
        }
        return s;
    }

    private static HistogramPointData histogram(TargetSeries s, long now, LatencySummary latency) {
        long[] cumulative = latency.cumulativeBucketCounts();
        List<Long> counts = new ArrayList<>(cumulative.length + 1);
        long below = 0;
        for (long c : cumulative) {
            counts.add(c - below);
            below = c;
        }
        counts.add(latency.count() - below);
        boolean any = latency.count() > 0;
        return HistogramPointData.create(s.start, now, s.attributes, latency.sumNanos() / 1e9, any,
                latency.minNanos() / 1e9, any, latency.maxNanos() / 1e9, BOUNDARIES, counts);
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    private static List<Double> boundaries() {
        Double[] bounds = new Double[LatencySummary.BUCKET_BOUNDS_SECONDS.length];
        for (int i = 0; i < bounds.length; i++) {
            bounds[i] = LatencySummary.BUCKET_BOUNDS_SECONDS[i];
        }
        return Collections.unmodifiableList(Arrays.asList(bounds));
    }

    /** A target's attributes, built once, and the time its cumulative series start. */
    private static final class TargetSeries {
        final Attributes attributes;
        final Attributes[] byOutcome = new Attributes[OUTCOMES.length];
        final long start;

        TargetSeries(Target target, long start) {
            AttributesBuilder b = Attributes.builder();
            target.labels().forEach(b::put);
            this.attributes = b.put(TARGET, target.name()).put(SERVER_ADDRESS, target.endpoint().host())
                    .put(SERVER_PORT, (long) target.endpoint().port()).build();
            for (int i = 0; i < OUTCOMES.length; i++) {
                byOutcome[i] = attributes.toBuilder().put(OUTCOME, OUTCOMES[i].label()).build();
            }
            this.start = start;
        }
    }
}
