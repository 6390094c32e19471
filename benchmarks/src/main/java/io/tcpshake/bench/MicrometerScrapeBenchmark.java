package io.tcpshake.bench;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.exporter.common.TextFormat;
import io.tcpshake.core.monitor.Monitor;
import io.tcpshake.core.monitor.MonitorListener;
import io.tcpshake.core.monitor.Target;
import io.tcpshake.exporter.TcpshakeCollector;
import io.tcpshake.jmx.JmxMonitorView;
import io.tcpshake.jmx.JmxOutput;
import io.tcpshake.micrometer.TcpshakeMetrics;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What the Micrometer binder costs an application next to the agent's own exporter, for the same monitor in
 * the same run: binding (registering every meter), then rendering the Prometheus text in-process,
 * {@link PrometheusMeterRegistry#scrape()} over {@link TcpshakeMetrics} against simpleclient's
 * {@link TextFormat} over {@link TcpshakeCollector} (no HTTP on either side), and the same binder over a
 * {@link JmxMonitorView} of the monitor's MBeans, as Spring Boot's starter reads the agent's monitor. The
 * monitor is not started: every target and meter exists, no check runs while measuring.
 */
@Command(name = "micrometer-scrape", mixinStandardHelpOptions = true,
        description = "Micrometer binder (direct, and through the MBeans) vs the exporter's collector: bind time,"
                + " text render time, heap, size.")
final class MicrometerScrapeBenchmark implements Callable<Integer> {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Option(names = "--targets", split = ",", defaultValue = "1000,10000",
            description = "Target counts, comma separated. Default: ${DEFAULT-VALUE}.")
    List<Integer> targetCounts;

    @Option(names = "--scrapes", defaultValue = "10", description = "Measured renders per size and side (after 3 unmeasured). Default: ${DEFAULT-VALUE}.")
    int scrapes;

    @Mixin
    JsonOutput json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        if (scrapes < 1 || targetCounts.stream().anyMatch(n -> n < 1)) {
            spec.commandLine().getErr().println("micrometer-scrape: --targets and --scrapes must be at least 1");
            return 2;
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int targets : targetCounts) {
            rows.add(measure(targets));
        }
        out.printf("%9s %-11s %9s %12s %11s %13s %13s %12s %11s%n", "targets", "via", "samples", "bytes", "bind ms",
                "render ms med", "render MB/scr", "x exporter", "reload ms");
        for (Map<String, Object> row : rows) {
            for (String via : List.of("exporter", "micrometer", "jmx_view")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> side = (Map<String, Object>) row.get(via);
                Object reload = side.get("follow_reload_ms");
                out.printf(Locale.ROOT, "%,9d %-11s %,9d %,12d %11.1f %13.1f %13.1f %12.2f %11s%n", row.get("targets"),
                        via, side.get("samples"), side.get("bytes"), side.get("bind_ms"), side.get("render_ms_median"),
                        (Double) side.get("render_allocated_bytes_median") / 1e6, side.get("render_ms_ratio_to_exporter"),
                        reload == null ? "-" : String.format(Locale.ROOT, "%.1f", (Double) reload));
            }
        }
        out.println("load average " + LoadAverage.text());
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("results", rows);
        document.put("load_average", LoadAverage.values());
        json.writeIfAsked(out, document);
        out.flush();
        return 0;
    }

    private Map<String, Object> measure(int targets) throws InterruptedException {
        try (Monitor monitor = Monitor.builder().build()) {
            List<Target> list = new ArrayList<>(targets);
            for (int i = 0; i < targets; i++) {
                list.add(Target.builder("127.0.0.1", 1 + i % 65535).name("t" + i).label("tier", "t" + i % 10).build());
            }
            monitor.replaceAll(list);

            long t0 = System.nanoTime();
            CollectorRegistry collectors = new CollectorRegistry();
            collectors.register(new TcpshakeCollector(monitor, null));
            double exporterBind = (System.nanoTime() - t0) / 1e6;
            Map<String, Object> exporter = renders(exporterBind, () -> {
                StringWriter text = new StringWriter();
                try {
                    TextFormat.write004(text, collectors.metricFamilySamples());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return text.toString();
            });

            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            t0 = System.nanoTime();
            TcpshakeMetrics metrics = new TcpshakeMetrics(monitor);
            metrics.bindTo(registry);
            double micrometerBind = (System.nanoTime() - t0) / 1e6;
            Map<String, Object> micrometer = renders(micrometerBind, registry::scrape);
            micrometer.put("follow_reload_ms", followReload(monitor, list, registry));
            metrics.close();
            Map<String, Object> jmxView = throughMBeans(monitor);

            double exporterMs = (Double) exporter.get("render_ms_median");
            exporter.put("render_ms_ratio_to_exporter", 1.0);
            micrometer.put("render_ms_ratio_to_exporter", (Double) micrometer.get("render_ms_median") / exporterMs);
            jmxView.put("render_ms_ratio_to_exporter", (Double) jmxView.get("render_ms_median") / exporterMs);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("targets", targets);
            row.put("exporter", exporter);
            row.put("micrometer", micrometer);
            row.put("jmx_view", jmxView);
            return row;
        }
    }

    /** The binder over the monitor's MBeans (on an MBeanServer of their own), read as the starter reads the agent's. */
    private Map<String, Object> throughMBeans(Monitor monitor) {
        MBeanServer server = MBeanServerFactory.newMBeanServer();
        try (JmxOutput mbeans = JmxOutput.register(monitor, null, null, server, Runnable::run)) {
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            long t0 = System.nanoTime();
            TcpshakeMetrics metrics = new TcpshakeMetrics(JmxMonitorView.on(server));
            metrics.bindTo(registry);
            double bind = (System.nanoTime() - t0) / 1e6;
            Map<String, Object> side = renders(bind, registry::scrape);
            metrics.close();
            return side;
        }
    }

    /**
     * A reload that renames every target (each removed and a new one added, as a changed targets file can):
     * the time until the binder has handled every one of the monitor's 2 N events, which reach it one by one
     * on the monitor's listener thread (a listener added after the binder hears each event after it).
     */
    private static double followReload(Monitor monitor, List<Target> targets, PrometheusMeterRegistry registry)
            throws InterruptedException {
        List<Target> renamed = new ArrayList<>(targets.size());
        for (Target target : targets) {
            renamed.add(target.toBuilder().name("r" + target.name()).build());
        }
        CountDownLatch handled = new CountDownLatch(2 * targets.size());
        MonitorListener after = new MonitorListener() {
            @Override
            public void onTargetChanged(Target previous, Target current) {
                handled.countDown();
            }
        };
        monitor.addListener(after);
        long t0 = System.nanoTime();
        monitor.replaceAll(renamed);
        if (!handled.await(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the binder did not handle a reload of " + targets.size()
                    + " targets within 10 minutes");
        }
        double millis = (System.nanoTime() - t0) / 1e6;
        monitor.removeListener(after);
        if (registry.find("tcpshake.target.up").gauges().size() != renamed.size()) {
            throw new IllegalStateException("after the reload the registry has "
                    + registry.find("tcpshake.target.up").gauges().size() + " targets, not " + renamed.size());
        }
        return millis;
    }

    private Map<String, Object> renders(double bindMs, Supplier<String> render) {
        for (int i = 0; i < 3; i++) {
            render.get();
        }
        double[] wall = new double[scrapes];
        double[] allocated = new double[scrapes];
        String text = null;
        for (int i = 0; i < scrapes; i++) {
            long bytes0 = THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
            long t0 = System.nanoTime();
            text = render.get();
            wall[i] = (System.nanoTime() - t0) / 1e6;
            allocated[i] = THREADS.getThreadAllocatedBytes(Thread.currentThread().getId()) - bytes0;
        }
        Map<String, Object> side = new LinkedHashMap<>();
        side.put("samples", text.lines().filter(line -> !line.isEmpty() && !line.startsWith("#")).count());
        side.put("bytes", text.length());
        side.put("bind_ms", bindMs);
        side.put("render_ms_median", FootprintBenchmark.median(wall));
        side.put("render_allocated_bytes_median", FootprintBenchmark.median(allocated));
        return side;
    }
}
