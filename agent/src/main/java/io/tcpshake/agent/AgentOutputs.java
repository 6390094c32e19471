package io.tcpshake.agent;

import io.tcpshake.agent.config.AgentConfig;
import io.tcpshake.agent.config.EngineNames;
import io.tcpshake.agent.config.ExporterSettings;
import io.tcpshake.core.config.DiscoveryStatus;
import io.tcpshake.core.config.ReloadControl;
import io.tcpshake.core.monitor.MonitorView;
import io.tcpshake.core.monitor.LatencySummary;
import io.tcpshake.exporter.Histograms;
import io.tcpshake.exporter.MetricsEndpoint;
import io.tcpshake.exporter.ProbePolicy;
import io.tcpshake.jmx.JmxOutput;
import io.tcpshake.jmx.TcpshakeObjectNames;
import io.tcpshake.jmx.jfr.JfrOutput;
import io.tcpshake.otlp.OtlpOutput;
import io.tcpshake.otlp.OtlpSettings;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The outputs the targets file asks for: the Prometheus endpoint, OTLP pushes, the MBeans, the JFR events.
 * Each starts on its own: one that fails is logged once, with what to do, and the others and the monitor run on (the
 * jmx_exporter users' top complaint is a taken port that kills the application).
 */
final class AgentOutputs implements AutoCloseable {
    private final AgentLog log;
    private final List<AutoCloseable> started = new ArrayList<>();
    private final List<String> descriptions = new ArrayList<>();
    private volatile String metricsUrl;
    private volatile boolean otlpStarted;
    /** The configuration applied, for what the outputs read at each scrape (which targets get histograms). */
    private volatile AgentConfig applied;

    private AgentOutputs(AgentLog log) {
        this.log = log;
    }

    /** Starts every output {@code config} enables; never throws. {@code file} is null without a targets file. */
    static AgentOutputs start(MonitorView monitor, ReloadControl reload, DiscoveryStatus discovery,
            AgentConfig config, Path file, AgentLog log) {
        AgentOutputs outputs = new AgentOutputs(log);
        outputs.applied = config;
        outputs.startExporter(monitor, reload, discovery, config.exporter(), file);
        config.otlp().ifPresent(settings -> outputs.startOtlp(monitor, settings, file));
        outputs.startJmx(monitor, reload, discovery, config);
        outputs.startJfr(monitor, config, file);
        return outputs;
    }

    private void startExporter(MonitorView monitor, ReloadControl reload, DiscoveryStatus discovery,
            ExporterSettings settings, Path file) {
        if (!settings.enabled()) {
            return;
        }
        try {
            MetricsEndpoint.Builder builder = MetricsEndpoint.builder(monitor).reloadControl(reload)
                    .discovery(discovery).host(settings.host()).port(settings.port());
            settings.basicAuth().ifPresent(auth -> builder.basicAuth(auth.username(), auth.endpointHash()));
            settings.tls().ifPresent(tls -> builder.tls(tls.keystore(), tls.password().toCharArray()));
            builder.histograms(Histograms.of(histogramBuckets(settings), name -> applied.histogramFor(name)));
            settings.probe().ifPresent(probe -> builder.probe(ProbePolicy.of(probe.allow(), probe.rate(),
                    probe.timeout())));
            MetricsEndpoint endpoint = builder.start();
            started.add(endpoint);
            metricsUrl = endpoint.url();
            descriptions.add("metrics at " + endpoint.url());
            settings.probe().ifPresent(probe -> descriptions.add("probes at " + endpoint.url().replace("/metrics",
                    "/probe") + " to " + String.join(", ", probe.allow())));
        } catch (IOException | RuntimeException | LinkageError e) {
            failed("the Prometheus endpoint", e, file == null
                    ? "give another port in -javaagent:tcpshake.jar=port=N (0 = any free port)"
                    : "change exporter.port (0 = any free port) or exporter.host in " + file
                            + ", or give port=N after the file in -javaagent:tcpshake.jar=" + file + ",port=N");
        }
    }

    private static double[] histogramBuckets(ExporterSettings settings) {
        if (settings.histogramBuckets().isEmpty()) {
            return LatencySummary.BUCKET_BOUNDS_SECONDS.clone();
        }
        return settings.histogramBuckets().stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** A reload's configuration: what the outputs read at each scrape follows it (the rest needs a restart). */
    void apply(AgentConfig config) {
        applied = config;
    }

    /**
     * Whether an output reads target {@code name}'s latency buckets: OTLP's histograms, or the exporter's
     * when the target has one. The monitor keeps buckets only for those targets.
     */
    boolean readsLatencyBuckets(String name) {
        return otlpStarted || metricsUrl != null && applied.histogramFor(name);
    }

    private void startOtlp(MonitorView monitor, OtlpSettings settings, Path file) {
        try {
            // Its outage warnings go through TcpshakeLoggers, routed where every agent message goes.
            started.add(OtlpOutput.start(monitor, settings));
            otlpStarted = true;
            descriptions.add("OTLP to " + settings.endpoint());
        } catch (IOException | RuntimeException | LinkageError e) {
            failed("the OTLP push", e, "correct otlp.endpoint in " + file + " or set otlp: {enabled: false}");
        }
    }

    private void startJmx(MonitorView monitor, ReloadControl reload, DiscoveryStatus discovery, AgentConfig config) {
        if (!config.jmxEnabled()) {
            return;
        }
        try {
            // Notifications are sent right on the monitor's listener thread, which exists only while events
            // are delivered: no thread of the JMX output's own. A slow in-process JMX listener then delays
            // later listener events, never a check.
            JmxOutput jmx = JmxOutput.register(monitor, reload, () -> metricsUrl,
                    ManagementFactory.getPlatformMBeanServer(), Runnable::run, discovery);
            started.add(jmx);
            // The one line of JMX at start-up: JmxOutput's own says why when a name was taken.
            descriptions.add(jmx.registeredNames().contains(TcpshakeObjectNames.MONITOR)
                    ? "MBeans " + TcpshakeObjectNames.MONITOR
                    : "MBeans not registered (" + TcpshakeObjectNames.MONITOR + " is taken)");
        } catch (RuntimeException | LinkageError e) {
            failed("the MBeans", e, "set jmx: {enabled: false} in the targets file to turn them off");
        }
    }

    private void startJfr(MonitorView monitor, AgentConfig config, Path file) {
        if (!config.jfrEnabled()) {
            return;
        }
        try {
            started.add(JfrOutput.start(monitor));
            descriptions.add("JFR events");
        } catch (RuntimeException | LinkageError e) {
            failed("the JFR events", e, file == null ? "give jfr=false in -javaagent:tcpshake.jar=jfr=false to turn "
                    + "them off" : "set jfr: {enabled: false} in " + file + " to turn them off");
        }
    }

    private void failed(String what, Throwable e, String whatToDo) {
        // One line that says it all; the stack trace only at DEBUG, as the cause is the user's to fix.
        log.error("tcpshake: " + what + " could not start: " + e.getMessage() + ": " + whatToDo
                + "; monitoring runs on without it", null);
        log.log(AgentLog.AGENT, System.Logger.Level.DEBUG, "tcpshake: " + what + " could not start", e);
        descriptions.add(what + " not started (" + e.getMessage() + ")");
    }

    /**
     * The output settings and the engine that differ between {@code before} and {@code after}, as words
     * ({@code "the exporter settings"}), empty when none: they take effect only when the JVM starts again.
     */
    static String settingsChanged(AgentConfig before, AgentConfig after) {
        List<String> changed = new ArrayList<>();
        if (!before.exporter().equals(after.exporter())) {
            changed.add("the exporter settings");
        }
        if (!before.otlp().equals(after.otlp())) {
            changed.add("the otlp settings");
        }
        if (before.jmxEnabled() != after.jmxEnabled()) {
            changed.add("jmx.enabled");
        }
        if (before.jfrEnabled() != after.jfrEnabled()) {
            changed.add("jfr.enabled");
        }
        if (before.engine() != after.engine()) {
            changed.add("engine " + EngineNames.name(before.engine()) + " to " + EngineNames.name(after.engine()));
        }
        return String.join(", ", changed);
    }

    /** Where the metrics are served, null when the exporter is off or could not start. */
    String metricsUrl() {
        return metricsUrl;
    }

    /** One phrase for the start-up line: {@code metrics at http://..., MBeans io.tcpshake:type=Monitor}. */
    String describe() {
        return descriptions.isEmpty() ? "no outputs (state changes are logged)" : String.join(", ", descriptions);
    }

    /** Stops every output, the latest started first. Idempotent: the agent's JVM-exit hook may come second. */
    @Override
    public synchronized void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                log.warning("tcpshake: closing an output failed: " + e);
            }
        }
        started.clear();
    }
}
