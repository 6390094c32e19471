package io.tcpshake.exporter;

import io.prometheus.client.Collector;
import io.tcpshake.core.EngineInfo;
import io.tcpshake.core.Outcome;
import io.tcpshake.core.TcpshakeVersion;
import io.tcpshake.core.config.ReloadControl;
import io.tcpshake.core.config.ReloadStatus;
import io.tcpshake.core.monitor.LatencySummary;
import io.tcpshake.core.monitor.MonitorView;
import io.tcpshake.core.monitor.Target;
import io.tcpshake.core.monitor.TargetState;
import io.prometheus.client.Collector.MetricFamilySamples.Sample;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The tcpshake metrics over a {@link MonitorView}: each scrape reads every target once
 * ({@link MonitorView#forEachTarget}), so a scrape never waits on a check, the loop or a name lookup, and all
 * the series of one target describe the same moment (the targets are read one after another).
 *
 * <p>Per target (labels {@code target}, {@code source} ({@code file} or {@code discovered}) plus the target's
 * user labels):
 * <ul>
 * <li>{@code tcpshake_target_up}: 1 up, 0 otherwise (down, or unknown before a result decided the state), like
 * Prometheus' {@code up} and blackbox's {@code probe_success}, so that {@code sum}, {@code avg} and
 * {@code avg_over_time} mean what they say.</li>
 * <li>{@code tcpshake_target_state{state}}: one series per state ({@code up}, {@code down}, {@code unknown}), 1
 * for the state the target is in and 0 for the others (a state set, as kube-state-metrics'
 * {@code kube_pod_status_phase}). Alert on {@code tcpshake_target_state{state="down"} == 1}, and on
 * {@code state="unknown"} for targets that never got decided.</li>
 * <li>{@code tcpshake_target_last_check_success}: 1 or 0 for the latest check; absent before the first.</li>
 * <li>{@code tcpshake_check_duration_seconds}: histogram of checks that got an answer (up or refused),
 * over {@link LatencySummary#BUCKET_BOUNDS_SECONDS} or the subset {@link Histograms} chooses; absent for the
 * targets it turns off.</li>
 * <li>{@code tcpshake_checks_total{outcome}}: every outcome of {@link Outcome}, zeros included.</li>
 * <li>{@code tcpshake_target_state_changes_total}, {@code tcpshake_target_last_change_timestamp_seconds},
 * {@code tcpshake_target_last_check_timestamp_seconds} (absent before the first check).</li>
 * </ul>
 * Monitor-wide: {@code tcpshake_checks_in_flight}, {@code tcpshake_build_info{version,commit,engine,java_version}},
 * and, when a {@link ReloadControl} is given, {@code tcpshake_config_last_reload_success} and
 * {@code tcpshake_config_last_reload_timestamp_seconds}.
 *
 * <p>Register it in its own {@link io.prometheus.client.CollectorRegistry}, never the default one, so
 * the host application's metrics stay as they are.
 */
public final class TcpshakeCollector extends Collector {
    private static final String SECONDS = "seconds";
    private static final Outcome[] OUTCOMES = Outcome.values();
    private static final String[] OUTCOME_LABELS = labelsOf(OUTCOMES);
    private static final TargetState[] STATES = {TargetState.UP, TargetState.DOWN, TargetState.UNKNOWN};
    private static final String[] STATE_LABELS = {"up", "down", "unknown"};
    /** The {@code le} values: the fixed bounds, then +Inf. */
    private static final String[] BUCKET_LABELS = bucketLabels();

    private final MonitorView monitor;
    private final ReloadControl reloadControl;
    private final Histograms histograms;

    /**
     * @param monitor the monitor to read
     * @param reloadControl the configuration behind it, or null when there is none (library use): the
     *        {@code tcpshake_config_*} series are then absent
     */
    public TcpshakeCollector(MonitorView monitor, ReloadControl reloadControl) {
        this(monitor, reloadControl, Histograms.ALL);
    }

    /** As {@link #TcpshakeCollector(MonitorView, ReloadControl)}, with the histograms {@code histograms} chooses. */
    public TcpshakeCollector(MonitorView monitor, ReloadControl reloadControl, Histograms histograms) {
        this.monitor = Objects.requireNonNull(monitor, "monitor");
        this.reloadControl = reloadControl;
        this.histograms = Objects.requireNonNull(histograms, "histograms");
    }

    /**
     * The families over one reading of the targets, each built when it is read; the per-target ones' sample lists are views
     * that make each sample when the writer asks for it, over label lists made per target for this collection.
     * {@code /metrics} does not go through here: it writes the per-target families itself, line by line, since
     * simpleclient copies a counter family's samples (600,000 of them at 100,000 targets) when one is built.
     */
    @Override
    public List<MetricFamilySamples> collect() {
        Scrape scrape = scrape();
        int perTarget = scrape.targetFamilies.size();
        TargetLabels[] labels = new TargetLabels[scrape.targets.size];
        return new AbstractList<MetricFamilySamples>() {
            @Override
            public MetricFamilySamples get(int index) {
                return index < perTarget
                        ? scrape.targetFamilies.get(index).toMetricFamilySamples(scrape.targets.targets, labels)
                        : scrape.monitorFamilies.get(index - perTarget);
            }

            @Override
            public int size() {
                return perTarget + scrape.monitorFamilies.size();
            }
        };
    }

    /** The families of one scrape: per target first, then the monitor-wide ones. */
    static final class Scrape {
        final TargetColumns targets;
        final List<TargetFamily> targetFamilies;
        final List<MetricFamilySamples> monitorFamilies;

        private Scrape(TargetColumns targets, List<TargetFamily> targetFamilies,
                List<MetricFamilySamples> monitorFamilies) {
            this.targets = targets;
            this.targetFamilies = targetFamilies;
            this.monitorFamilies = monitorFamilies;
        }
    }

    /**
     * One scrape's families, over the figures copied out of each target's snapshot in turn
     * ({@link TargetColumns}), so that the scrape holds no snapshot; a target's labels are read from its
     * {@link Target} as each sample is written.
     */
    Scrape scrape() {
        TargetColumns c = TargetColumns.of(monitor, histograms);
        int n = c.size;
        int[] checked = c.checked;
        int[] buckets = histograms.bucketIndexes();

        List<TargetFamily> perTarget = new ArrayList<>(8);
        perTarget.add(new TargetFamily("tcpshake_target_up", "", Type.GAUGE,
                "Whether the target is up after rise/fall: 1 up, 0 down or not decided yet.", n,
                (i, s) -> s.set(i, "tcpshake_target_up", c.states[i] == TargetState.UP ? 1 : 0)));
        perTarget.add(new TargetFamily("tcpshake_target_state", "", Type.GAUGE,
                "The target's state after rise/fall: 1 for the state it is in (up, down, or unknown before a check"
                        + " decided it), 0 for the others.", n * STATES.length, (i, s) -> {
                    int target = i / STATES.length;
                    int state = i % STATES.length;
                    s.set(target, "tcpshake_target_state", "state", STATE_LABELS[state],
                            STATES[state] == c.states[target] ? 1 : 0);
                }));
        perTarget.add(new TargetFamily("tcpshake_target_last_check_success", "", Type.GAUGE,
                "Whether the latest check found the target up (1) or not (0); absent before the first check.",
                checked.length, (i, s) -> s.set(checked[i], "tcpshake_target_last_check_success",
                        c.lastCheckUp[checked[i]] ? 1 : 0)));
        perTarget.add(new TargetFamily("tcpshake_check_duration_seconds", SECONDS, Type.HISTOGRAM,
                "Time from the start of a check to its answer (SYN-ACK or RST), for checks that got one.",
                c.withHistogram.length * (buckets.length + 3), new HistogramSamples(c, buckets)));
        perTarget.add(new TargetFamily("tcpshake_checks", "", Type.COUNTER,
                "Checks made, by outcome (up, refused, timeout, unreachable, resolve_failed, error).",
                n * OUTCOMES.length, (i, s) -> s.set(i / OUTCOMES.length, "tcpshake_checks_total", "outcome",
                        OUTCOME_LABELS[i % OUTCOMES.length], c.checks[i])));
        perTarget.add(new TargetFamily("tcpshake_target_state_changes", "", Type.COUNTER,
                "Times the target's state changed (the first decision after unknown counts).", n,
                (i, s) -> s.set(i, "tcpshake_target_state_changes_total", c.stateChanges[i])));
        perTarget.add(new TargetFamily("tcpshake_target_last_change_timestamp_seconds", SECONDS, Type.GAUGE,
                "When the target's state last changed (or it was added, while unknown), in Unix time.", n,
                (i, s) -> s.set(i, "tcpshake_target_last_change_timestamp_seconds", c.stateSince[i])));
        perTarget.add(new TargetFamily("tcpshake_target_last_check_timestamp_seconds", SECONDS, Type.GAUGE,
                "When the target's latest check finished, in Unix time; absent before the first check.",
                checked.length, (i, s) -> s.set(checked[i], "tcpshake_target_last_check_timestamp_seconds",
                        c.lastCheckTime[checked[i]])));

        List<MetricFamilySamples> monitorWide = new ArrayList<>(4);
        monitorWide.add(new MetricFamilySamples("tcpshake_checks_in_flight", Type.GAUGE,
                "Checks started and not yet finished, over all targets.",
                Collections.singletonList(new Sample("tcpshake_checks_in_flight",
                        Collections.emptyList(), Collections.emptyList(), monitor.checksInFlight()))));
        monitorWide.addAll(reloadStatus());
        monitorWide.add(buildInfo());
        return new Scrape(c, perTarget, monitorWide);
    }

    /**
     * The histogram's samples of each target that has one: its chosen buckets, +Inf, count and sum. Read in
     * order, as the writers do, a target's bucket counts are copied once.
     */
    private static final class HistogramSamples implements TargetFamily.Samples {
        private final TargetColumns columns;
        private final int[] buckets;
        private final int perTarget;
        private int countsOf = -1;
        private long[] counts;

        HistogramSamples(TargetColumns columns, int[] buckets) {
            this.columns = columns;
            this.buckets = buckets;
            this.perTarget = buckets.length + 3;
        }

        @Override
        public void fill(int index, TargetSample sample) {
            int target = columns.withHistogram[index / perTarget];
            int part = index % perTarget;
            LatencySummary latency = columns.latency[target];
            if (part < buckets.length) {
                if (countsOf != target) {
                    counts = latency.cumulativeBucketCounts();
                    countsOf = target;
                }
                sample.set(target, "tcpshake_check_duration_seconds_bucket", "le", BUCKET_LABELS[buckets[part]],
                        counts[buckets[part]]);
            } else if (part == buckets.length) {
                sample.set(target, "tcpshake_check_duration_seconds_bucket", "le", "+Inf", latency.count());
            } else if (part == buckets.length + 1) {
                sample.set(target, "tcpshake_check_duration_seconds_count", latency.count());
            } else {
                sample.set(target, "tcpshake_check_duration_seconds_sum", latency.sumNanos() / NANOSECONDS_PER_SECOND);
            }
        }
    }

    private List<MetricFamilySamples> reloadStatus() {
        List<MetricFamilySamples> families = new ArrayList<>(2);
        ReloadStatus status = reloadControl == null ? null : reloadControl.lastReload();
        if (status == null) {
            return families;
        }
        families.add(new MetricFamilySamples("tcpshake_config_last_reload_success", Type.GAUGE,
                "Whether the latest load or reload of the configuration file was valid and applied (1) or not (0).",
                Collections.singletonList(new MetricFamilySamples.Sample("tcpshake_config_last_reload_success",
                        Collections.emptyList(), Collections.emptyList(), status.success() ? 1 : 0))));
        families.add(new MetricFamilySamples("tcpshake_config_last_reload_timestamp_seconds", SECONDS, Type.GAUGE,
                "When the configuration file was last loaded or reloaded (applied or not), in Unix time.",
                Collections.singletonList(new MetricFamilySamples.Sample(
                        "tcpshake_config_last_reload_timestamp_seconds", Collections.emptyList(),
                        Collections.emptyList(), TargetColumns.epochSeconds(status.at())))));
        return families;
    }

    private MetricFamilySamples buildInfo() {
        EngineInfo engine = monitor.engineInfo();
        String engineName = engine == null ? "unknown" : engine.kind().name().toLowerCase(Locale.ROOT);
        return new MetricFamilySamples("tcpshake_build", Type.INFO,
                "tcpshake's version and the commit it was built from, the checking engine in use (epoll, nio or raw) and"
                        + " the Java version; always 1.",
                Collections.singletonList(new MetricFamilySamples.Sample("tcpshake_build_info",
                        Arrays.asList("version", "commit", "engine", "java_version"),
                        Arrays.asList(TcpshakeVersion.version(), TcpshakeVersion.commit(), engineName,
                                System.getProperty("java.version", "unknown")), 1)));
    }

    private static String[] labelsOf(Outcome[] outcomes) {
        String[] labels = new String[outcomes.length];
        for (int i = 0; i < outcomes.length; i++) {
            labels[i] = outcomes[i].label();
        }
        return labels;
    }

    private static String[] bucketLabels() {
        double[] bounds = LatencySummary.BUCKET_BOUNDS_SECONDS;
        String[] labels = new String[bounds.length + 1];
        for (int i = 0; i < bounds.length; i++) {
            labels[i] = doubleToGoString(bounds[i]);
        }
        labels[bounds.length] = "+Inf";
        return labels;
    }
}
