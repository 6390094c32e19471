package io.tcpshake.bench;

import io.tcpshake.core.Checker;
import io.tcpshake.core.EngineChoice;
import io.tcpshake.core.monitor.Monitor;
import io.tcpshake.core.monitor.MonitorListener;
import io.tcpshake.core.monitor.StateChange;
import io.tcpshake.core.monitor.Target;
import io.tcpshake.exporter.MetricsEndpoint;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What a Prometheus scrape of {@code /metrics} costs with many targets: a real {@link Monitor} whose targets
 * have each been checked once (so every series exists), served by {@link MetricsEndpoint} and scraped over
 * loopback with the JDK's HttpClient. The targets' interval is an hour, so no checks run while scraping.
 * Beside it, the status page: its size and time with every target's recent results full
 * ({@link FullHistoryView}), and the heap those results cost per target.
 */
@Command(name = "scrape", mixinStandardHelpOptions = true,
        description = "Cost of collecting and rendering /metrics for many targets (time, CPU, heap, size).")
final class ScrapeBenchmark implements Callable<Integer> {
    private static final String THREAD_PREFIX = "tcpshake-";

    @Option(names = "--targets", split = ",", defaultValue = "1000,10000",
            description = "Target counts, comma separated. Default: ${DEFAULT-VALUE}.")
    List<Integer> targetCounts;

    @Option(names = "--scrapes", defaultValue = "10", description = "Measured scrapes per size (after 3 unmeasured). Default: ${DEFAULT-VALUE}.")
    int scrapes;

    @Option(names = "--listeners", defaultValue = "100", description = "Loopback listeners the targets are spread over. Default: ${DEFAULT-VALUE}.")
    int listeners;

    @Option(names = "--first-checks-per-second", defaultValue = "5000",
            description = "The monitor's rate cap, which spreads the targets' first checks (all due at once). Default: ${DEFAULT-VALUE}.")
    double firstChecksPerSecond;

    @Option(names = "--engine", defaultValue = "AUTO", description = "AUTO, EPOLL or NIO. Default: ${DEFAULT-VALUE}.")
    EngineChoice engine;

    @Mixin
    JsonOutput json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (scrapes < 1 || listeners < 1 || !(firstChecksPerSecond > 0) || targetCounts.stream().anyMatch(n -> n < 1)) {
            spec.commandLine().getErr().println("scrape: --targets, --scrapes and --listeners must be at least 1, --first-checks-per-second positive");
            return 2;
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        try (IdleListeners ports = new IdleListeners(listeners)) {
            for (int targets : targetCounts) {
                rows.add(measure(client, ports, targets, out));
            }
            long accepted = ports.countAcceptable();
            out.println();
            out.printf("%9s %9s %12s %13s %13s %14s %15s %15s%n", "targets", "samples", "bytes", "wall ms med",
                    "wall ms min", "cpu ms/scrape", "tcpshake cpu ms", "tcpshake MB/scr");
            for (Map<String, Object> row : rows) {
                out.printf(Locale.ROOT, "%,9d %,9d %,12d %13.1f %13.1f %14.1f %15.1f %15.1f%n", row.get("targets"),
                        row.get("samples"), row.get("bytes"), row.get("wall_ms_median"), row.get("wall_ms_min"),
                        row.get("process_cpu_ms_median"), row.get("tcpshake_threads_cpu_ms_median"),
                        (Double) row.get("tcpshake_threads_allocated_bytes_median") / 1e6);
            }
            out.println();
            out.printf("%9s %12s %12s %13s %12s %16s%n", "targets", "page bytes", "page gzip", "page ms med",
                    "json bytes", "recent B/target");
            for (Map<String, Object> row : rows) {
                out.printf(Locale.ROOT, "%,9d %,12d %,12d %13.1f %,12d %16.0f%n", row.get("targets"),
                        row.get("page_bytes"), row.get("page_gzip_bytes"), row.get("page_wall_ms_median"),
                        row.get("json_bytes"), row.get("recent_results_heap_bytes_per_target"));
            }
            out.println("listeners accepted " + accepted + " connections; load average " + LoadAverage.text());
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("results", rows);
        document.put("load_average", LoadAverage.values());
        json.writeIfAsked(out, document);
        out.flush();
        return 0;
    }

    private Map<String, Object> measure(HttpClient client, IdleListeners ports, int targets, PrintWriter out)
            throws Exception {
        CountDownLatch firstResults = new CountDownLatch(targets);
        MonitorListener firstStates = new MonitorListener() {
            @Override
            public void onStateChange(StateChange change) {
                if (change.from() == io.tcpshake.core.monitor.TargetState.UNKNOWN) {
                    firstResults.countDown();
                }
            }
        };
        // Every target is due at once (initial delay 0). A rate cap of 5,000/s spreads those first checks over
        // two seconds at 10,000 targets: thousands of connects in one go hold the checking loop so long that
        // the kernel's delayed ACK (~200 ms) completes some handshakes (see the README), which is not what this
        // benchmark measures.
        try (Monitor monitor = Monitor.builder().checker(Checker.builder().engine(engine))
                .maxChecksPerSecond(firstChecksPerSecond).build()) {
            monitor.addListener(firstStates);
            List<Target> list = new ArrayList<>(targets);
            for (int i = 0; i < targets; i++) {
                list.add(Target.builder("127.0.0.1", ports.port(i % ports.size())).name("t" + i)
                        .interval(Duration.ofHours(1)).initialDelay(Duration.ZERO).build());
            }
            monitor.replaceAll(list);
            monitor.start();
            if (!firstResults.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("only " + (targets - firstResults.getCount()) + " of " + targets
                        + " targets had a result after 120 s");
            }
            try (MetricsEndpoint endpoint = MetricsEndpoint.builder(monitor).host("127.0.0.1").port(0).start()) {
                HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint.url())).timeout(Duration.ofSeconds(60)).build();
                for (int i = 0; i < 3; i++) {
                    scrape(client, request);
                }
                double[] wall = new double[scrapes];
                double[] cpu = new double[scrapes];
                double[] tcpshakeCpu = new double[scrapes];
                double[] tcpshakeAllocated = new double[scrapes];
                byte[] body = null;
                for (int i = 0; i < scrapes; i++) {
                    ThreadCosts before = ThreadCosts.of(THREAD_PREFIX);
                    long cpu0 = ResourceMeter.processCpuNanos();
                    long t0 = System.nanoTime();
                    body = scrape(client, request);
                    wall[i] = (System.nanoTime() - t0) / 1e6;
                    cpu[i] = (ResourceMeter.processCpuNanos() - cpu0) / 1e6;
                    ThreadCosts after = ThreadCosts.of(THREAD_PREFIX);
                    tcpshakeCpu[i] = (after.cpuNanos - before.cpuNanos) / 1e6;
                    tcpshakeAllocated[i] = after.allocatedBytes - before.allocatedBytes;
                }
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("targets", targets);
                row.put("samples", countSamples(body));
                row.put("bytes", body.length);
                row.put("wall_ms_median", FootprintBenchmark.median(wall));
                row.put("wall_ms_min", java.util.Arrays.stream(wall).min().orElse(0));
                row.put("process_cpu_ms_median", FootprintBenchmark.median(cpu));
                row.put("tcpshake_threads_cpu_ms_median", FootprintBenchmark.median(tcpshakeCpu));
                row.put("tcpshake_threads_allocated_bytes_median", FootprintBenchmark.median(tcpshakeAllocated));
                row.put("targets_up", monitor.snapshot().upCount());
                measurePage(client, monitor, row);
                row.put("recent_results_heap_bytes_per_target", recentResultsHeapPerTarget(list));
                out.printf(Locale.ROOT, "  %,d targets: %,d bytes, median %.1f ms per scrape%n", targets, body.length,
                        FootprintBenchmark.median(wall));
                out.flush();
                return row;
            }
        }
    }

    /** The status page and /status.json of the same targets, each with a full recent history. */
    private void measurePage(HttpClient client, Monitor monitor, Map<String, Object> row) throws Exception {
        try (MetricsEndpoint endpoint = MetricsEndpoint.builder(new FullHistoryView(monitor,
                Monitor.STATUS_PAGE_RECENT_RESULTS)).host("127.0.0.1").port(0).start()) {
            String base = "http://127.0.0.1:" + endpoint.port() + "/";
            HttpRequest page = HttpRequest.newBuilder(URI.create(base)).timeout(Duration.ofSeconds(60)).build();
            for (int i = 0; i < 3; i++) {
                scrape(client, page);
            }
            double[] wall = new double[scrapes];
            byte[] body = null;
            for (int i = 0; i < scrapes; i++) {
                long t0 = System.nanoTime();
                body = scrape(client, page);
                wall[i] = (System.nanoTime() - t0) / 1e6;
            }
            row.put("page_bytes", body.length);
            row.put("page_gzip_bytes", scrape(client, HttpRequest.newBuilder(URI.create(base))
                    .header("Accept-Encoding", "gzip").timeout(Duration.ofSeconds(60)).build()).length);
            row.put("page_wall_ms_median", FootprintBenchmark.median(wall));
            row.put("json_bytes", scrape(client, HttpRequest.newBuilder(URI.create(base + "status.json"))
                    .timeout(Duration.ofSeconds(60)).build()).length);
        }
    }

    /**
     * Heap per target of the recent results a monitor keeps (its default ring), against a monitor that
     * keeps none: the same targets added to each, nothing checked (the rings are allocated with the target).
     */
    private double recentResultsHeapPerTarget(List<Target> targets) {
        long[] used = new long[2];
        int[] capacities = {0, Monitor.STATUS_PAGE_RECENT_RESULTS};
        for (int i = 0; i < 2; i++) {
            long before = HeapMeter.usedAfterGc();
            try (Monitor monitor = Monitor.builder().checker(Checker.builder().engine(engine))
                    .recentResults(capacities[i]).build()) {
                monitor.replaceAll(targets);
                used[i] = HeapMeter.usedAfterGc() - before;
            }
        }
        return (double) (used[1] - used[0]) / targets.size();
    }

    private static byte[] scrape(HttpClient client, HttpRequest request) throws Exception {
        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + request.uri() + " answered " + response.statusCode());
        }
        return response.body();
    }

    private static int countSamples(byte[] body) {
        int samples = 0;
        boolean lineStart = true;
        for (byte b : body) {
            if (lineStart && b != '#' && b != '\n') {
                samples++;
            }
            lineStart = b == '\n';
        }
        return samples;
    }
}
