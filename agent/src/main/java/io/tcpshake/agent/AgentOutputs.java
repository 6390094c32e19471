package io.tcpshake.agent;

import io.tcpshake.agent.config.AgentConfig;
import io.tcpshake.agent.config.ExporterSettings;
import io.tcpshake.core.config.ReloadControl;
import io.tcpshake.core.monitor.MonitorView;
import io.tcpshake.exporter.MetricsEndpoint;
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

    private AgentOutputs(AgentLog log) {
        this.log = log;
    }

    /** Starts every output {@code config} enables; never throws. */
    static AgentOutputs start(MonitorView monitor, ReloadControl reload, AgentConfig config, Path file,
            AgentLog log) {
        AgentOutputs outputs = new AgentOutputs(log);
        outputs.startExporter(monitor, reload, config.exporter(), file);
        config.otlp().ifPresent(settings -> outputs.startOtlp(monitor, settings, file));
        outputs.startJmx(monitor, reload, config);
        outputs.startJfr(monitor, config, file);
        return outputs;
    }

    private void startExporter(MonitorView monitor, ReloadControl reload, ExporterSettings settings, Path file) {
        if (!settings.enabled()) {
            return;
        }
        try {
            MetricsEndpoint.Builder builder = MetricsEndpoint.builder(monitor).reloadControl(reload)
                    .host(settings.host()).port(settings.port());
            settings.basicAuth().ifPresent(auth -> builder.basicAuth(auth.username(), auth.endpointHash()));
            settings.tls().ifPresent(tls -> builder.tls(tls.keystore(), tls.password().toCharArray()));
            MetricsEndpoint endpoint = builder.start();
            started.add(endpoint);
            metricsUrl = endpoint.url();
            descriptions.add("metrics at " + endpoint.url());
        } catch (IOException | RuntimeException | LinkageError e) {
            failed("the Prometheus endpoint", e, "change exporter.port (0 = any free port) or exporter.host in " + file
                    + ", or give port=N after the file in -javaagent:tcpshake.jar=" + file + ",port=N");
        }
    }

    private void startOtlp(MonitorView monitor, OtlpSettings settings, Path file) {
        try {
            // An outage's warning goes where every agent message goes (held while the application's logging starts).
            started.add(OtlpOutput.start(monitor, settings, (level, message) -> log.log(AgentLog.AGENT, level, message,
                    null)));
            descriptions.add("OTLP to " + settings.endpoint());
        } catch (IOException | RuntimeException | LinkageError e) {
            failed("the OTLP push", e, "correct otlp.endpoint in " + file + " or set otlp: {enabled: false}");
        }
    }

    private void startJmx(MonitorView monitor, ReloadControl reload, AgentConfig config) {
        if (!config.jmxEnabled()) {
            return;
        }
        try {
            // Notifications are sent right on the monitor's listener thread, which exists only while events
            // are delivered: no thread of the JMX output's own. A slow in-process JMX listener then delays
            // later listener events, never a check.
            JmxOutput jmx = JmxOutput.register(monitor, reload, () -> metricsUrl,
                    ManagementFactory.getPlatformMBeanServer(), Runnable::run);
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
            failed("the JFR events", e, "set jfr: {enabled: false} in " + file + " to turn them off");
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
     * The output settings that differ between {@code before} and {@code after}, as words ({@code "the
     * exporter settings"}), empty when none: they take effect only when the JVM starts again.
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
        return String.join(", ", changed);
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
