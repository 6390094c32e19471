package io.tcpshake.bench;

import io.prometheus.client.Collector;
import io.prometheus.client.exporter.common.TextFormat;
import io.tcpshake.core.Checker;
import io.tcpshake.core.EngineChoice;
import io.tcpshake.core.monitor.Monitor;
import io.tcpshake.core.monitor.Target;
import io.tcpshake.core.monitor.TargetSettings;
import io.tcpshake.exporter.Histograms;
import io.tcpshake.exporter.MetricsEndpoint;
import io.tcpshake.exporter.ProbePolicy;
import io.tcpshake.exporter.TcpshakeCollector;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.lang.ref.Reference;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What {@code tcpshake serve} runs, at fleet scale, in one JVM: a monitor of many loopback targets with the
 * exporter beside it (histograms off, /probe on). Three phases, each beside a baseline of the same run:
 * the schedule (late checks, CPU, heap per target); a streamed scrape of every target (its time, and the most
 * heap it holds, from the moment it has read the targets to its last text, beside the same scrape reading the
 * targets through one whole snapshot, and a scrape built whole); and
 * /probe at a fixed rate (its answer time less the check's own round trip).
 */
@Command(name = "serve-scale", mixinStandardHelpOptions = true,
        description = "serve at fleet scale: late checks, CPU, heap per target; a streamed scrape; /probe at a rate.")
final class ServeScaleBenchmark implements Callable<Integer> {
    @Option(names = "--targets", defaultValue = "100000", description = "Targets. Default: ${DEFAULT-VALUE}.")
    int targets;

    @Option(names = "--listeners", defaultValue = "100", description = "Loopback listeners. Default: ${DEFAULT-VALUE}.")
    int listeners;

    @Option(names = "--interval-ms", defaultValue = "10000",
            description = "Each target's interval. Default: ${DEFAULT-VALUE}.")
    long intervalMillis;

    @Option(names = "--duration-s", defaultValue = "60",
            description = "Seconds the schedule is measured. Default: ${DEFAULT-VALUE}.")
    double durationSeconds;

    @Option(names = "--probes-per-second", defaultValue = "1000",
            description = "/probe rate. Default: ${DEFAULT-VALUE}.")
    int probesPerSecond;

    @Option(names = "--probe-seconds", defaultValue = "10",
            description = "Seconds of probes. Default: ${DEFAULT-VALUE}.")
    int probeSeconds;

    @Option(names = "--engine", defaultValue = "AUTO",
            description = "The checking engine, as serve --engine: AUTO, EPOLL, NIO or RAW. Default: ${DEFAULT-VALUE}.")
    EngineChoice engine;

    @Mixin
    JsonOutput json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        double jitter = 0.1;
        Duration interval = Duration.ofMillis(intervalMillis);
        Map<String, Object> r = new LinkedHashMap<>();
        try (IdleListeners ports = new IdleListeners(Math.min(listeners, targets))) {
            ResultGaps gaps = new ResultGaps(targets, interval.toNanos(), jitter);
            // As serve builds its monitor: the status page's ring of recent results, and latency buckets off
            // (serve keeps them only when an output reads a target's histogram, and this one's are off).
            try (Monitor monitor = Monitor.builder().checker(Checker.builder().engine(engine)).latencyBuckets(t -> false)
                    .recentResults(Monitor.STATUS_PAGE_RECENT_RESULTS)
                    .maxChecksPerSecond(2.0 * targets * 1000 / intervalMillis + 2.0 * probesPerSecond).build()) {
                monitor.addListener(gaps);
                monitor.start();
                long heapBefore = HeapMeter.usedAfterGc();
                List<Target> list = new ArrayList<>(targets);
                // One settings value for all, as serve's targets.yaml reader gives targets that set the same values.
                TargetSettings settings = TargetSettings.builder().interval(interval).jitter(jitter).build();
                for (int i = 0; i < targets; i++) {
                    list.add(Target.builder("127.0.0.1", ports.port(i % ports.size())).name(ResultGaps.targetName(i))
                            .settings(settings).build());
                }
                monitor.replaceAll(list);
                list = null;
                WeighedTargetsView view = new WeighedTargetsView(monitor);
                try (MetricsEndpoint endpoint = MetricsEndpoint.builder(view).port(0).histograms(Histograms.OFF)
                        .probe(ProbePolicy.of(List.of("127.0.0.1/32"), 2.0 * probesPerSecond, Duration.ofSeconds(1)))
                        .start()) {
                    out.printf(Locale.ROOT, "%,d targets on %d listeners, interval %d ms, engine %s; warming up for"
                            + " two intervals%n",
                            targets, ports.size(), intervalMillis, monitor.engineInfo().description());
                    out.flush();
                    Thread.sleep(2 * intervalMillis);
                    scrape(endpoint.port(), Long.MAX_VALUE); // warms the scrape up (JIT)

                    long checksBefore = monitor.snapshot().checksTotal();
                    gaps.startCounting();
                    long cpu0 = ResourceMeter.processCpuNanos();
                    long t0 = System.nanoTime();
                    Thread.sleep((long) (durationSeconds * 1000));
                    double cpu = (ResourceMeter.processCpuNanos() - cpu0) / 1e9;
                    double wall = (System.nanoTime() - t0) / 1e9;
                    ResultGaps.Counts counts = gaps.stopCounting();
                    r.put("targets", targets);
                    r.put("engine", monitor.engineInfo().description());
                    r.put("interval_ms", intervalMillis);
                    r.put("checks_done", monitor.snapshot().checksTotal() - checksBefore);
                    r.put("checks_expected", targets * wall * 1000 / intervalMillis);
                    r.put("gaps", counts.gaps);
                    r.put("late", counts.late);
                    r.put("late_share", counts.gaps == 0 ? 0 : (double) counts.late / counts.gaps);
                    r.put("gap_p99_ms", counts.gapP99Millis);
                    r.put("cpu_share_of_one_core", cpu / wall);
                    r.put("listeners_accepted", ports.countAcceptable());
                    long heapWith = HeapMeter.usedAfterGc();
                    r.put("heap_bytes_per_target", (double) (heapWith - heapBefore) / targets);

                    // Connections accepted per phase: a check becomes one when a pause of the loop outlasts
                    // the delayed ACK (epoll, NIO), so each phase's count tells which one paused it.
                    scrapePhase(endpoint.port(), view, r);
                    r.put("listeners_accepted_during_scrapes", ports.countAcceptable());
                    wholeScrapeBaseline(monitor, r);
                    r.put("listeners_accepted_during_whole_scrape_baseline", ports.countAcceptable());
                    probePhase(endpoint.port(), ports, r);
                    r.put("listeners_accepted_during_probes", ports.countAcceptable());
                }
            }
        }
        r.put("load_average", LoadAverage.values());
        print(out, r);
        json.writeIfAsked(out, r);
        out.flush();
        return 0;
    }

    /**
     * Three whole scrapes timed; then scrapes read slowly, to weigh what each holds while it runs (what stays
     * reachable, against just before): once as its columns are complete, before its text (the targets' figures,
     * and what they were read from: one target's snapshot, or in the baseline every target's), then from the
     * client after the first megabyte of text and every 8 MB after (the columns, the family being written, the
     * chunk). Alternately one target at a time and through one whole snapshot, twice each; the larger of each.
     */
    private static void scrapePhase(int port, WeighedTargetsView view, Map<String, Object> r) throws Exception {
        long[] millis = new long[3];
        long bytes = 0;
        for (int i = 0; i < millis.length; i++) {
            long t0 = System.nanoTime();
            bytes = scrape(port, Long.MAX_VALUE);
            millis[i] = (System.nanoTime() - t0) / 1_000_000;
        }
        Arrays.sort(millis);
        r.put("scrape_ms_min_median_max", List.of(millis[0], millis[1], millis[2]));
        r.put("scrape_text_bytes", bytes);
        long[] oneByOne = {-1, 0, 0, 0};
        long[] whole = {-1, 0, 0, 0};
        for (int round = 0; round < 2; round++) {
            whole = larger(whole, weighedScrape(port, view, true, bytes));
            oneByOne = larger(oneByOne, weighedScrape(port, view, false, bytes));
        }
        r.put("scrape_extra_heap_bytes_most", oneByOne[0]);
        r.put("scrape_extra_heap_most_at_text_byte", oneByOne[1]);
        r.put("scrape_extra_heap_as_columns_done", oneByOne[2]);
        r.put("via_whole_snapshot_extra_heap_most", whole[0]);
        r.put("via_whole_snapshot_most_at_text_byte", whole[1]);
        r.put("via_whole_snapshot_as_columns_done", whole[2]);
        // The monitor's own heap grows meanwhile (each target's ring of recent results fills up, growing its
        // arrays as it does, all targets at about the same time): the heap right after each scrape tells how
        // much of what it held was that.
        r.put("heap_growth_over_that_scrape", oneByOne[3]);
        r.put("via_whole_snapshot_heap_growth", whole[3]);
    }

    /**
     * One scrape read slowly: the most it held (bytes above the heap just before), the byte of text read when
     * it did (0: as its columns were done, before its text), what it held then, and the heap's growth from just
     * before to just after.
     */
    private static long[] weighedScrape(int port, WeighedTargetsView view, boolean wholeSnapshot, long bytes)
            throws Exception {
        long before = HeapMeter.usedAfterGc();
        WeighedTargetsView.Weighing columnsDone = view.arm(wholeSnapshot, before);
        long most = 0;
        long mostAt = 0;
        try (Socket socket = request(port)) {
            long read = readAtMost(socket.getInputStream(), 1 << 20);
            for (long step; read < bytes; read += step) {
                long held = HeapMeter.usedAfterGc() - before;
                if (held > most) {
                    most = held;
                    mostAt = read;
                }
                step = readAtMost(socket.getInputStream(), 8 << 20);
                if (step == 0) {
                    break;
                }
            }
            readAtMost(socket.getInputStream(), Long.MAX_VALUE);
        }
        long atColumns = columnsDone.held;
        long growth = HeapMeter.usedAfterGc() - before;
        return atColumns > most ? new long[] {atColumns, 0, atColumns, growth}
                : new long[] {most, mostAt, atColumns, growth};
    }

    private static long[] larger(long[] a, long[] b) {
        return b[0] > a[0] ? b : a;
    }

    /**
     * The baseline: a scrape built whole, as /metrics was before it was streamed: every sample made and the
     * whole text in memory, both held until the text is sent. Measured in-process over the same monitor.
     */
    private static void wholeScrapeBaseline(Monitor monitor, Map<String, Object> r) throws Exception {
        long before = HeapMeter.usedAfterGc();
        long t0 = System.nanoTime();
        List<List<Collector.MetricFamilySamples.Sample>> samples = new ArrayList<>();
        List<Collector.MetricFamilySamples> families = new TcpshakeCollector(monitor, null, Histograms.OFF).collect();
        for (Collector.MetricFamilySamples family : families) {
            samples.add(new ArrayList<>(family.samples));
        }
        ByteArrayOutputStream text = new ByteArrayOutputStream(1 << 20);
        Writer writer = new OutputStreamWriter(text, StandardCharsets.UTF_8);
        TextFormat.write004(writer, Collections.enumeration(families));
        writer.flush();
        r.put("whole_scrape_ms", (System.nanoTime() - t0) / 1_000_000);
        r.put("whole_scrape_extra_heap_bytes", HeapMeter.usedAfterGc() - before);
        r.put("whole_scrape_text_bytes", text.size());
        Reference.reachabilityFence(samples);
    }

    /**
     * Probes at a fixed rate from a few client threads, each a sequential HTTP/1.1 client (a connection per
     * probe, as Prometheus keeps none across targets); the baseline is each probe's own check time.
     */
    private void probePhase(int port, IdleListeners ports, Map<String, Object> r) throws Exception {
        double[] healthy = timedGets(port, ports, false, r, "healthy");
        double[] probes = timedGets(port, ports, true, r, "probe");
        r.put("healthy_ms_p50", percentile(healthy, 0.5));
        r.put("healthy_ms_p99", percentile(healthy, 0.99));
        r.put("probe_overhead_ms_p50", percentile(probes, 0.5));
        r.put("probe_overhead_ms_p99", percentile(probes, 0.99));
    }

    private static Double percentile(double[] sorted, double p) {
        return sorted.length == 0 ? null : sorted[Math.min(sorted.length - 1, (int) (sorted.length * p))];
    }

    /**
     * GETs at the probe rate: /probe (each answer's time less its check's own) or /-/healthy (the HTTP
     * round trip alone, the baseline); sorted.
     */
    private double[] timedGets(int port, IdleListeners ports, boolean probe, Map<String, Object> r, String name)
            throws Exception {
        int threads = 8;
        int perThread = probesPerSecond * probeSeconds / threads;
        long periodNanos = 1_000_000_000L * threads / probesPerSecond;
        double[][] overhead = new double[threads][perThread];
        int[] answered = new int[threads];
        int[] tooMany = new int[threads];
        List<Thread> clients = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread client = new Thread(() -> {
                try {
                    for (int i = 0; i < perThread; i++) {
                        long due = start + i * periodNanos + thread * periodNanos / threads;
                        // Parked, not spinning: eight clients spinning on a 2-core machine took most of the CPU
                        // from the server they measure (a JFR profile of the probe phase: 85 % of the samples).
                        for (long wait; (wait = due - System.nanoTime()) > 0; ) {
                            LockSupport.parkNanos(wait);
                        }
                        int target = ports.port((i * threads + thread) % ports.size());
                        long t0 = System.nanoTime();
                        String answer = get(port, probe ? "/probe?target=127.0.0.1:" + target : "/-/healthy");
                        double total = (System.nanoTime() - t0) / 1e6;
                        if (answer.startsWith("HTTP/1.1 429")) {
                            tooMany[thread]++;
                            continue;
                        }
                        double check = probe ? 1000 * value(answer, "probe_tcpshake_check_duration_seconds ") : 0;
                        overhead[thread][answered[thread]++] = total - check;
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            clients.add(client);
            client.start();
        }
        for (Thread client : clients) {
            client.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double[] done = compact(overhead, answered);
        int n = done.length;
        Arrays.sort(done);
        r.put(name + "_answered", n);
        r.put(name + "_per_second_achieved", n / seconds);
        r.put(name + "_429", Arrays.stream(tooMany).sum());
        return done;
    }

    private static double[] compact(double[][] rows, int[] counts) {
        List<Double> values = new ArrayList<>();
        for (int t = 0; t < rows.length; t++) {
            for (int i = 0; i < counts[t]; i++) {
                values.add(rows[t][i]);
            }
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static long scrape(int port, long limit) throws Exception {
        try (Socket socket = request(port)) {
            return readAtMost(socket.getInputStream(), limit);
        }
    }

    private static Socket request(int port) throws Exception {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        OutputStream out = socket.getOutputStream();
        out.write(("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    private static String get(int port, String path) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static long readAtMost(InputStream in, long limit) throws Exception {
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        for (int n; total < limit && (n = in.read(buffer)) > 0; ) {
            total += n;
        }
        return total;
    }

    private static double value(String text, String prefix) {
        int at = text.indexOf("\n" + prefix);
        if (at < 0) {
            return Double.NaN;
        }
        int end = text.indexOf('\n', at + 1);
        return Double.parseDouble(text.substring(at + 1 + prefix.length(), end < 0 ? text.length() : end).trim());
    }

    private static void print(PrintWriter out, Map<String, Object> r) {
        out.println();
        for (Map.Entry<String, Object> entry : r.entrySet()) {
            Object v = entry.getValue();
            out.printf(Locale.ROOT, "%-34s %s%n", entry.getKey().replace('_', ' '),
                    v instanceof Double ? String.format(Locale.ROOT, "%,.3f", v) : v);
        }
    }
}
