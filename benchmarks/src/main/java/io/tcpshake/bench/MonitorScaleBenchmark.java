package io.tcpshake.bench;

import io.tcpshake.core.Checker;
import io.tcpshake.core.EngineChoice;
import io.tcpshake.core.monitor.Monitor;
import io.tcpshake.core.monitor.MonitorSnapshot;
import io.tcpshake.core.monitor.Target;
import io.tcpshake.core.monitor.TargetSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A {@link Monitor} with many targets on loopback listeners for a while: CPU share, checks done against
 * the schedule, late checks, heap per target, and that no listener ever accepted a connection.
 */
@Command(name = "monitor-scale", mixinStandardHelpOptions = true,
        description = "A Monitor with many loopback targets: CPU share, checks vs schedule, late checks, heap per target.")
final class MonitorScaleBenchmark implements Callable<Integer> {
    private static final String LOOP_THREAD = "tcpshake-checker-";
    private static final String EVENTS_THREAD = "tcpshake-events";
    /** Sockets the C loop reuses: more than its checks in flight at 10,000/s (about 1 per 100 us of latency). */
    private static final int C_LOOP_SOCKETS = 1024;

    @Option(names = "--targets", defaultValue = "10000", description = "Targets (each a distinct name). Default: ${DEFAULT-VALUE}.")
    int targets;

    @Option(names = "--listeners", defaultValue = "100",
            description = "Loopback listeners the targets are spread over (they never accept). Default: ${DEFAULT-VALUE}.")
    int listeners;

    @Option(names = "--interval-ms", defaultValue = "1000", description = "Each target's interval. Default: ${DEFAULT-VALUE}.")
    long intervalMillis;

    @Option(names = "--jitter", defaultValue = "0.1", description = "Each target's jitter (0.1 = 10 %%, the default).")
    double jitter;

    @Option(names = "--duration-s", defaultValue = "30",
            description = "Seconds measured, after a warm-up of two intervals (at least 2 s). Default: ${DEFAULT-VALUE}.")
    double durationSeconds;

    @Option(names = "--max-checks-per-second",
            description = "The monitor's global rate cap (its default, 1000/s, is too low for 10,000 targets at 1 s). "
                    + "Default: twice the schedule's rate, targets / interval * 2.")
    Double maxChecksPerSecond;

    @Option(names = "--c-loop", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "After the monitor, run halfopen-paced.c (in this jar, built with gcc -O2) at the same rate "
                    + "over the same listeners for as long, and print its CPU per check beside the monitor's. Default: on.")
    boolean cLoop;

    @Option(names = "--recent-results",
            description = "Results kept per target for the status page (Monitor.Builder.recentResults, 0 for none). "
                    + "Default: the monitor's, none (the agent and serve keep 60).")
    Integer recentResults;

    @Option(names = "--engine", defaultValue = "AUTO", description = "AUTO, EPOLL, NIO or RAW. Default: ${DEFAULT-VALUE}.")
    EngineChoice engine;

    @Mixin
    JsonOutput json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (targets < 1 || listeners < 1 || intervalMillis < 1 || durationSeconds <= 0 || jitter < 0 || jitter > 0.5) {
            spec.commandLine().getErr().println("monitor-scale: --targets, --listeners, --interval-ms and --duration-s "
                    + "must be positive, --jitter within 0..0.5");
            return 2;
        }
        Duration interval = Duration.ofMillis(intervalMillis);
        double rateCap = maxChecksPerSecond != null ? maxChecksPerSecond : 2.0 * targets * 1000 / intervalMillis;
        Map<String, Object> result = new LinkedHashMap<>();
        try (IdleListeners ports = new IdleListeners(Math.min(listeners, targets))) {
            ResultGaps gaps = new ResultGaps(targets, interval.toNanos(), jitter);
            List<Integer> portList = new ArrayList<>();
            for (int i = 0; i < ports.size(); i++) {
                portList.add(ports.port(i));
            }
            Monitor.Builder builder = Monitor.builder().checker(Checker.builder().engine(engine)).maxChecksPerSecond(rateCap);
            if (recentResults != null) {
                builder.recentResults(recentResults);
            }
            try (Monitor monitor = builder.build()) {
                monitor.addListener(gaps);
                monitor.start();
                long heapBefore = HeapMeter.usedAfterGc();
                List<Target> list = new ArrayList<>(targets);
                // One settings value for all, as targets.yaml's defaults give every target that sets none of its own.
                TargetSettings settings = TargetSettings.builder().interval(interval).jitter(jitter).build();
                for (int i = 0; i < targets; i++) {
                    list.add(Target.builder("127.0.0.1", portList.get(i % portList.size()))
                            .name(ResultGaps.targetName(i)).settings(settings).build());
                }
                monitor.replaceAll(list);
                list = null;
                out.printf(Locale.ROOT, "%,d targets on %d loopback listeners, interval %d ms, jitter %.0f %%, rate cap %,.0f/s"
                        + " (Monitor's default is 1,000/s), engine %s; warming up%n", targets, ports.size(),
                        intervalMillis, jitter * 100, rateCap, monitor.engineInfo().description());
                out.flush();
                Thread.sleep(Math.max(2000, 2 * intervalMillis));

                long checksBefore = monitor.snapshot().checksTotal();
                long delayedBefore = monitor.checksDelayedByRateCap();
                gaps.startCounting();
                ThreadCosts loop0 = ThreadCosts.of(LOOP_THREAD);
                ThreadCosts events0 = ThreadCosts.of(EVENTS_THREAD);
                long cpu0 = ResourceMeter.processCpuNanos();
                long javaThreads0 = ThreadCosts.of("").cpuNanos;
                long t0 = System.nanoTime();
                Thread.sleep((long) (durationSeconds * 1000));
                long cpu1 = ResourceMeter.processCpuNanos();
                long javaThreads1 = ThreadCosts.of("").cpuNanos;
                ThreadCosts loop1 = ThreadCosts.of(LOOP_THREAD);
                ThreadCosts events1 = ThreadCosts.of(EVENTS_THREAD);
                long t1 = System.nanoTime();
                ResultGaps.Counts counts = gaps.stopCounting();
                MonitorSnapshot snapshot = monitor.snapshot();
                long checksDone = snapshot.checksTotal() - checksBefore;
                long upAtEnd = snapshot.upCount();
                // A reader's snapshot is the reader's: not held while the monitor's own heap is measured.
                snapshot = null;
                long delayed = monitor.checksDelayedByRateCap() - delayedBefore;
                // Counted before the forced GCs below: a stop-the-world pause longer than the ~200 ms delayed-ACK
                // window lets the kernel complete the checks in flight, which the listeners would then hold.
                result.put("listeners_accepted", ports.countAcceptable());
                long heapAfter = HeapMeter.usedAfterGc();

                double wall = (t1 - t0) / 1e9;
                double expected = targets * wall * 1000 / intervalMillis;
                result.put("targets", targets);
                result.put("listeners", ports.size());
                result.put("interval_ms", intervalMillis);
                result.put("jitter", jitter);
                result.put("engine", monitor.engineInfo().description());
                result.put("max_checks_per_second", rateCap);
                result.put("seconds", wall);
                result.put("checks_expected", expected);
                result.put("checks_done", checksDone);
                result.put("results_heard", counts.results);
                result.put("results_up", counts.upResults);
                result.put("checks_delayed_by_rate_cap", delayed);
                result.put("gaps", counts.gaps);
                result.put("late_after_ms", counts.lateAfterMillis);
                result.put("late", counts.late);
                result.put("gap_p50_ms", counts.gapP50Millis);
                result.put("gap_p99_ms", counts.gapP99Millis);
                result.put("gap_p999_ms", counts.gapP999Millis);
                result.put("gap_max_ms", counts.maxGapMillis);
                result.put("late_as_heard", counts.heardLate);
                result.put("heard_gap_p99_ms", counts.heardGapP99Millis);
                result.put("heard_gap_p999_ms", counts.heardGapP999Millis);
                result.put("heard_gap_max_ms", counts.maxHeardGapMillis);
                result.put("unknown_results", counts.unknownTargets);
                result.put("checks_over_200ms", counts.slowChecks);
                result.put("check_latency_max_ms", counts.maxLatencyMillis);
                result.put("cpu_share_of_one_core", (cpu1 - cpu0) / 1e9 / wall);
                result.put("cpu_us_per_check", checksDone == 0 ? null : (cpu1 - cpu0) / 1e3 / checksDone);
                result.put("loop_cpu_us_per_check", perCheck(loop1.cpuNanos - loop0.cpuNanos, 1e3, checksDone));
                result.put("events_cpu_us_per_check", perCheck(events1.cpuNanos - events0.cpuNanos, 1e3, checksDone));
                result.put("jvm_cpu_us_per_check", perCheck((cpu1 - cpu0) - (javaThreads1 - javaThreads0), 1e3,
                        checksDone));
                result.put("loop_heap_bytes_per_check", perCheck(loop1.allocatedBytes - loop0.allocatedBytes, 1,
                        checksDone));
                result.put("events_heap_bytes_per_check", perCheck(events1.allocatedBytes - events0.allocatedBytes, 1,
                        checksDone));
                result.put("heap_bytes_per_target", (double) (heapAfter - heapBefore) / targets);
                result.put("heap_used_before_targets", heapBefore);
                result.put("heap_used_with_targets", heapAfter);
                result.put("targets_up_at_end", upAtEnd);
            }
            result.put("listeners_accepted_during_forced_gc", ports.countAcceptable());
            if (cLoop) {
                runCLoop(portList, (double) targets * 1000 / intervalMillis, (Double) result.get("seconds"),
                        (Double) result.get("cpu_us_per_check"), result);
            }
        }
        result.put("load_average", LoadAverage.values());
        print(out, result);
        json.writeIfAsked(out, result);
        out.flush();
        return 0;
    }

    private static void print(PrintWriter out, Map<String, Object> r) {
        double gaps = ((Number) r.get("gaps")).doubleValue();
        out.println();
        row(out, "targets / listeners", String.format(Locale.ROOT, "%,d on %d", r.get("targets"), r.get("listeners")));
        row(out, "interval, jitter", String.format(Locale.ROOT, "%d ms, %.0f %%", r.get("interval_ms"),
                (Double) r.get("jitter") * 100));
        row(out, "engine", r.get("engine"));
        row(out, "rate cap (checks/s)", String.format(Locale.ROOT, "%,.0f", r.get("max_checks_per_second")));
        row(out, "measured for (s)", String.format(Locale.ROOT, "%.1f", r.get("seconds")));
        row(out, "checks done / expected", String.format(Locale.ROOT, "%,d / %,.0f (%.1f %%)", r.get("checks_done"),
                r.get("checks_expected"), 100.0 * ((Number) r.get("checks_done")).doubleValue()
                        / (Double) r.get("checks_expected")));
        row(out, "results heard (up)", String.format(Locale.ROOT, "%,d (%,d)", r.get("results_heard"), r.get("results_up")));
        row(out, "delayed by rate cap", String.format(Locale.ROOT, "%,d", r.get("checks_delayed_by_rate_cap")));
        row(out, "late (gap > " + format(r.get("late_after_ms")) + " ms)", String.format(Locale.ROOT, "%,d of %,d gaps (%.3f %%)",
                r.get("late"), r.get("gaps"), gaps == 0 ? 0 : 100.0 * ((Number) r.get("late")).doubleValue() / gaps));
        row(out, "gap p50 / p99 / p99.9 / max (ms)", format(r.get("gap_p50_ms")) + " / " + format(r.get("gap_p99_ms"))
                + " / " + format(r.get("gap_p999_ms")) + " / " + format(r.get("gap_max_ms")));
        row(out, "as heard by the listener: late", String.format(Locale.ROOT, "%,d; gap p99 / p99.9 / max %s / %s / %s ms",
                r.get("late_as_heard"), format(r.get("heard_gap_p99_ms")), format(r.get("heard_gap_p999_ms")),
                format(r.get("heard_gap_max_ms"))));
        row(out, "check latency >= 200 ms / max", String.format(Locale.ROOT, "%,d / %s ms", r.get("checks_over_200ms"),
                format(r.get("check_latency_max_ms"))));
        row(out, "CPU share of one core", String.format(Locale.ROOT, "%.1f %%", 100 * (Double) r.get("cpu_share_of_one_core")));
        row(out, "CPU per check (us)", format(r.get("cpu_us_per_check")));
        row(out, "  on the checking loop thread", format(r.get("loop_cpu_us_per_check")));
        row(out, "  on the listener thread", format(r.get("events_cpu_us_per_check")));
        row(out, "  in the JVM's own (GC, JIT)", format(r.get("jvm_cpu_us_per_check")));
        if (r.containsKey("c_loop_cpu_us_per_check")) {
            row(out, "halfopen-paced.c at that rate (us)", String.format(Locale.ROOT, "%s per check (%,d checks); "
                    + "the monitor %sx", format(r.get("c_loop_cpu_us_per_check")), r.get("c_loop_checks"),
                    format2(r.get("cpu_per_check_x_c_loop"))));
        } else if (r.containsKey("c_loop_unavailable")) {
            row(out, "halfopen-paced.c at that rate", "not run: " + r.get("c_loop_unavailable"));
        }
        row(out, "heap allocated per check (bytes)", String.format(Locale.ROOT, "%s on the loop, %s on the listener thread",
                format(r.get("loop_heap_bytes_per_check")), format(r.get("events_heap_bytes_per_check"))));
        row(out, "heap per target (bytes)", String.format(Locale.ROOT, "%,.0f", r.get("heap_bytes_per_target")));
        row(out, "heap used before / with targets", String.format(Locale.ROOT, "%.1f / %.1f MB",
                ((Number) r.get("heap_used_before_targets")).doubleValue() / 1e6,
                ((Number) r.get("heap_used_with_targets")).doubleValue() / 1e6));
        row(out, "targets UP at the end", String.format(Locale.ROOT, "%,d", r.get("targets_up_at_end")));
        row(out, "connections listeners accepted", r.get("listeners_accepted") + " (during 3 forced full GCs after: "
                + r.get("listeners_accepted_during_forced_gc") + ")");
        row(out, "load average", LoadAverage.text());
    }

    /** The C loop at the monitor's rate, after it: its CPU per check, and the monitor's as a multiple of it. */
    private void runCLoop(List<Integer> ports, double rate, double seconds, Double monitorCpuPerCheck,
            Map<String, Object> result) throws Exception {
        try {
            PacedCLoop loop = PacedCLoop.compile(Path.of(System.getProperty("java.io.tmpdir"),
                    "tcpshake-bench-" + ProcessHandle.current().pid()));
            PacedCLoop.Run run = loop.run(ports, rate, seconds, C_LOOP_SOCKETS);
            double cPerCheck = run.cpuNanos / 1e3 / Math.max(1, run.checks);
            result.put("c_loop_checks", run.checks);
            result.put("c_loop_cpu_us_per_check", cPerCheck);
            result.put("cpu_per_check_x_c_loop", monitorCpuPerCheck == null ? null : monitorCpuPerCheck / cPerCheck);
        } catch (java.io.IOException | IllegalStateException e) {
            result.put("c_loop_unavailable", e.getMessage());
        }
    }

    private static Double perCheck(long amount, double unit, long checks) {
        return checks == 0 ? null : amount / unit / checks;
    }

    private static String format2(Object value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.2f", ((Number) value).doubleValue());
    }

    private static String format(Object value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.1f", ((Number) value).doubleValue());
    }

    private static void row(PrintWriter out, String name, Object value) {
        out.printf("%-34s %s%n", name, value);
    }
}
