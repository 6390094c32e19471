package io.tcpshake.bench;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
 * What the agent costs a trivial application: start-up time (median of interleaved runs), threads added
 * and heap used once the agent runs, each with and without {@code -javaagent:tcpshake.jar}.
 */
@Command(name = "footprint", mixinStandardHelpOptions = true,
        description = "Start-up time, threads and heap of a trivial app with and without the tcpshake agent.")
final class FootprintBenchmark implements Callable<Integer> {
    @Option(names = "--runs", defaultValue = "10",
            description = "Start-up runs with and without the agent, interleaved (after one unmeasured pair). Default: ${DEFAULT-VALUE}.")
    int runs;

    @Option(names = "--agent", description = "tcpshake.jar. Default: agent/target/tcpshake.jar or ../agent/target/tcpshake.jar.")
    Path agent;

    @Option(names = "--java", description = "The java launcher of the child JVMs. Default: this JVM's (java.home).")
    Path java;

    @Option(names = "--otlp", description = "Also run the agent with OTLP on (a push every second to a local"
            + " stand-in collector), interleaved with the runs without it, and show what OTLP adds.")
    boolean otlp;

    @Option(names = "--jvm-arg", description = "An option for every child JVM (repeatable), e.g. --jvm-arg=-Xmx256m.")
    List<String> jvmArgs = new ArrayList<>();

    @Mixin
    JsonOutput json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (runs < 1) {
            err.println("footprint: --runs must be at least 1");
            return 2;
        }
        Path agentJar = agent != null ? agent : defaultAgentJar();
        if (agentJar == null || !Files.isRegularFile(agentJar)) {
            err.println("footprint: agent jar not found at " + (agentJar != null ? agentJar.toAbsolutePath()
                    : "agent/target/tcpshake.jar or ../agent/target/tcpshake.jar (from " + Path.of("").toAbsolutePath() + ")")
                    + ": build it with 'mvn -q -pl agent -am package -DskipTests' or pass --agent PATH");
            return 2;
        }
        Path launcher = java != null ? java : Path.of(System.getProperty("java.home"), "bin", "java");
        if (!Files.isExecutable(launcher)) {
            err.println("footprint: " + launcher + " is not an executable java launcher (--java)");
            return 2;
        }
        Path work = Files.createTempDirectory("tcpshake-footprint");
        Map<String, Object> result = new LinkedHashMap<>();
        try (IdleListeners targets = new IdleListeners(2); OtlpSink sink = otlp ? new OtlpSink() : null) {
            Path yaml = work.resolve("targets.yaml");
            Files.write(yaml, ("exporter:\n  port: 0\ntargets:\n  - \"127.0.0.1:" + targets.port(0) + "\"\n"
                    + "  - \"127.0.0.1:" + targets.port(1) + "\"\n").getBytes(StandardCharsets.UTF_8));
            String agentOption = "-javaagent:" + agentJar.toAbsolutePath() + "=" + yaml;
            String otlpBlock = otlp ? "otlp: {endpoint: \"" + sink.url() + "\", interval: 1s}\n" : "";
            Path otlpYaml = work.resolve("targets-otlp.yaml");
            String otlpOption = "-javaagent:" + agentJar.toAbsolutePath() + "=" + otlpYaml;
            if (otlp) {
                Files.write(otlpYaml, (otlpBlock + new String(Files.readAllBytes(yaml), StandardCharsets.UTF_8))
                        .getBytes(StandardCharsets.UTF_8));
            }
            out.printf("%s, %s; %d interleaved runs each; agent %s%n", launcher, javaVersion(launcher), runs, agentOption);
            out.flush();

            double[] readyWithout = new double[runs];
            double[] readyWith = new double[runs];
            double[] exitWithout = new double[runs];
            double[] exitWith = new double[runs];
            double[] readyWithOtlp = new double[runs];
            double[] exitWithOtlp = new double[runs];
            for (int run = -1; run < runs; run++) {
                ChildJvm without = ChildJvm.run(command(launcher, null, "ready"), work);
                ChildJvm with = ChildJvm.run(command(launcher, agentOption, "ready"), work);
                ChildJvm withOtlp = otlp ? ChildJvm.run(command(launcher, otlpOption, "ready"), work) : null;
                if (run >= 0) {
                    readyWithout[run] = without.readyMillis;
                    readyWith[run] = with.readyMillis;
                    exitWithout[run] = without.exitMillis;
                    exitWith[run] = with.exitMillis;
                    if (withOtlp != null) {
                        readyWithOtlp[run] = withOtlp.readyMillis;
                        exitWithOtlp[run] = withOtlp.exitMillis;
                    }
                }
            }
            // Steady state, with checks every second (results flowing) and with the exporter on, then off.
            Path steadyOn = work.resolve("steady-exporter-on.yaml");
            Path steadyOff = work.resolve("steady-exporter-off.yaml");
            String steadyTargets = "defaults: {interval: 1s, initial_delay: 0s}\ntargets:\n  - \"127.0.0.1:"
                    + targets.port(0) + "\"\n  - \"127.0.0.1:" + targets.port(1) + "\"\n";
            Files.write(steadyOn, ("exporter: {port: 0}\n" + steadyTargets).getBytes(StandardCharsets.UTF_8));
            Files.write(steadyOff, ("exporter: {enabled: false}\n" + steadyTargets).getBytes(StandardCharsets.UTF_8));
            ChildJvm steadyWithExporter = steadyRun(launcher, agentJar, steadyOn, work, err);
            ChildJvm steadyWithoutExporter = steadyRun(launcher, agentJar, steadyOff, work, err);
            ChildJvm steadyWithOtlp = null;
            if (otlp) {
                Files.write(steadyOn, ("exporter: {port: 0}\n" + otlpBlock + steadyTargets)
                        .getBytes(StandardCharsets.UTF_8));
                steadyWithOtlp = steadyRun(launcher, agentJar, steadyOn, work, err);
            }
            Files.delete(steadyOn);
            Files.delete(steadyOff);
            if (steadyWithExporter == null || steadyWithoutExporter == null || otlp && steadyWithOtlp == null) {
                return 1;
            }
            ChildJvm plain = ChildJvm.run(command(launcher, null, "inspect"), work);
            ChildJvm agentRun = ChildJvm.run(command(launcher, agentOption, "inspect", "agent"), work);
            if (agentRun.errorLine() != null) {
                err.println("footprint: " + agentRun.errorLine() + "\n" + agentRun.stderr);
                return 1;
            }
            List<String> added = new ArrayList<>(agentRun.threadNames());
            for (String name : plain.threadNames()) {
                added.remove(name);
            }
            result.put("java", launcher.toString());
            result.put("runs", runs);
            result.put("ready_ms_without_agent", median(readyWithout));
            result.put("ready_ms_with_agent", median(readyWith));
            result.put("exit_ms_without_agent", median(exitWithout));
            result.put("exit_ms_with_agent", median(exitWith));
            result.put("threads_without_agent", plain.threadNames().size());
            result.put("threads_with_agent", agentRun.threadNames().size());
            result.put("threads_added", added);
            result.put("agent_threads_steady_exporter_on", ownThreads(steadyWithExporter));
            result.put("agent_threads_steady_exporter_off", ownThreads(steadyWithoutExporter));
            result.put("heap_used_without_agent", plain.heapUsed());
            result.put("heap_used_with_agent", agentRun.heapUsed());
            result.put("agent_line", agentLine(agentRun.stderr));
            if (otlp) {
                ChildJvm otlpRun = ChildJvm.run(command(launcher, otlpOption, "inspect", "agent"), work);
                if (otlpRun.errorLine() != null) {
                    err.println("footprint: " + otlpRun.errorLine() + "\n" + otlpRun.stderr);
                    return 1;
                }
                result.put("ready_ms_with_agent_otlp", median(readyWithOtlp));
                result.put("exit_ms_with_agent_otlp", median(exitWithOtlp));
                result.put("threads_with_agent_otlp", otlpRun.threadNames().size());
                result.put("heap_used_with_agent_otlp", otlpRun.heapUsed());
                result.put("agent_threads_steady_exporter_and_otlp_on", ownThreads(steadyWithOtlp));
                result.put("heap_used_steady_exporter_on", steadyWithExporter.heapUsed());
                result.put("heap_used_steady_exporter_and_otlp_on", steadyWithOtlp.heapUsed());
                result.put("agent_line_otlp", agentLine(otlpRun.stderr));
                result.put("otlp_pushes_received", sink.requests());
            }
            result.put("listeners_accepted", targets.countAcceptable());
        } finally {
            Files.deleteIfExists(work.resolve("targets.yaml"));
            Files.deleteIfExists(work.resolve("targets-otlp.yaml"));
            Files.deleteIfExists(work);
        }
        result.put("load_average", LoadAverage.values());
        print(out, result);
        json.writeIfAsked(out, result);
        out.flush();
        return 0;
    }

    /**
     * A child with the agent on {@code yaml}, once the agent's threads are steady; null after printing why
     * when they did not settle.
     */
    private ChildJvm steadyRun(Path launcher, Path agentJar, Path yaml, Path work, PrintWriter err)
            throws IOException, InterruptedException {
        ChildJvm child = ChildJvm.run(command(launcher, "-javaagent:" + agentJar.toAbsolutePath() + "=" + yaml,
                "inspect", "agent", "steady"), work);
        if (child.errorLine() != null) {
            err.println("footprint: " + child.errorLine() + "\n" + child.stderr);
            return null;
        }
        return child;
    }

    /** The agent's own ({@code tcpshake-*}) threads of a child. */
    private static List<String> ownThreads(ChildJvm child) {
        List<String> own = new ArrayList<>();
        for (String name : child.threadNames()) {
            if (name.startsWith("tcpshake-")) {
                own.add(name);
            }
        }
        return own;
    }

    private List<String> command(Path launcher, String agentOption, String... appArgs) {
        List<String> command = new ArrayList<>();
        command.add(launcher.toString());
        command.addAll(jvmArgs);
        if (agentOption != null) {
            command.add(agentOption);
        }
        command.add("-cp");
        command.add(appClassPath());
        command.add(FootprintApp.class.getName());
        command.addAll(Arrays.asList(appArgs));
        return command;
    }

    /** Where FootprintApp was loaded from: the benchmarks jar, or target/classes in the module's tests. */
    private static String appClassPath() {
        try {
            return new File(FootprintApp.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("cannot locate the benchmarks' classes", e);
        }
    }

    static Path defaultAgentJar() {
        for (String candidate : new String[] {"agent/target/tcpshake.jar", "../agent/target/tcpshake.jar"}) {
            Path path = Path.of(candidate);
            if (Files.isRegularFile(path)) {
                return path;
            }
        }
        return null;
    }

    private static String javaVersion(Path launcher) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(launcher.toString(), "-version").redirectErrorStream(true).start();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return text.lines().findFirst().orElse("unknown java").trim();
    }

    private static String agentLine(String stderr) {
        // The start-up line comes through java.util.logging: "INFO: tcpshake: monitoring ...".
        return stderr.lines().filter(line -> line.contains("tcpshake: "))
                .map(line -> line.substring(line.indexOf("tcpshake: "))).findFirst().orElse(null);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static void print(PrintWriter out, Map<String, Object> r) {
        out.println();
        out.printf("%-36s %14s %14s %14s%n", "", "without agent", "with agent", "added");
        triple(out, "start-up to \"ready\" (ms, median)", r.get("ready_ms_without_agent"), r.get("ready_ms_with_agent"), 1);
        triple(out, "start-up to exit (ms, median)", r.get("exit_ms_without_agent"), r.get("exit_ms_with_agent"), 1);
        triple(out, "threads (agent running)", r.get("threads_without_agent"), r.get("threads_with_agent"), 1);
        triple(out, "heap used after GC (MB)", ((Number) r.get("heap_used_without_agent")).doubleValue() / 1e6,
                ((Number) r.get("heap_used_with_agent")).doubleValue() / 1e6, 1);
        out.println("threads added: " + r.get("threads_added"));
        List<?> on = (List<?>) r.get("agent_threads_steady_exporter_on");
        List<?> off = (List<?>) r.get("agent_threads_steady_exporter_off");
        out.println("the agent's threads in steady state (checks every 1 s), exporter on: " + on.size() + " " + on);
        out.println("the agent's threads in steady state (checks every 1 s), exporter off: " + off.size() + " " + off);
        out.println("agent said: " + r.get("agent_line"));
        if (r.containsKey("ready_ms_with_agent_otlp")) {
            out.println();
            out.printf("%-36s %14s %14s %14s%n", "OTLP on (a push every 1 s)", "agent", "agent + OTLP", "OTLP adds");
            triple(out, "start-up to \"ready\" (ms, median)", r.get("ready_ms_with_agent"),
                    r.get("ready_ms_with_agent_otlp"), 1);
            triple(out, "start-up to exit (ms, median)", r.get("exit_ms_with_agent"), r.get("exit_ms_with_agent_otlp"), 1);
            triple(out, "threads (agent running)", r.get("threads_with_agent"), r.get("threads_with_agent_otlp"), 1);
            triple(out, "heap used after GC (MB)", ((Number) r.get("heap_used_with_agent")).doubleValue() / 1e6,
                    ((Number) r.get("heap_used_with_agent_otlp")).doubleValue() / 1e6, 1);
            triple(out, "heap in steady state, pushed (MB)",
                    ((Number) r.get("heap_used_steady_exporter_on")).doubleValue() / 1e6,
                    ((Number) r.get("heap_used_steady_exporter_and_otlp_on")).doubleValue() / 1e6, 1);
            List<?> withOtlp = (List<?>) r.get("agent_threads_steady_exporter_and_otlp_on");
            out.println("the agent's threads in steady state (checks every 1 s), exporter and OTLP on: "
                    + withOtlp.size() + " " + withOtlp);
            out.println("agent said: " + r.get("agent_line_otlp"));
            out.println("pushes the stand-in collector received: " + r.get("otlp_pushes_received"));
        }
        out.println("connections the 2 target listeners accepted: " + r.get("listeners_accepted"));
        out.println("load average " + LoadAverage.text());
    }

    private static void triple(PrintWriter out, String name, Object without, Object with, int decimals) {
        double a = ((Number) without).doubleValue();
        double b = ((Number) with).doubleValue();
        String f = "%14." + decimals + "f";
        out.printf(Locale.ROOT, "%-36s " + f + " " + f + " " + f + "%n", name, a, b, b - a);
    }
}
