package io.tcpshake.bench;

import io.tcpshake.core.EngineChoice;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Checks per second against one loopback listener at several concurrencies, for tcpshake's engines, the
 * Java baselines and the C reference loops, all in one run, with ratios between them.
 */
@Command(name = "throughput", mixinStandardHelpOptions = true,
        description = "Checks/s, CPU and heap per check: tcpshake's engines vs Java baselines vs C loops.")
final class ThroughputBenchmark implements Callable<Integer> {
    @Option(names = {"-n", "--checks"}, defaultValue = "300000",
            description = "Checks per scenario and concurrency (full-connect baselines are capped at 20000). Default: ${DEFAULT-VALUE}.")
    long checks;

    @Option(names = {"-c", "--in-flight"}, split = ",", defaultValue = "1,64,512",
            description = "Checks in flight, comma separated. Default: ${DEFAULT-VALUE}.")
    List<Integer> inFlight;

    @Option(names = "--scenarios", split = ",",
            defaultValue = "c-halfopen-limit,c-halfopen-reuse,tcpshake-epoll,tcpshake-nio,java-blocking-socket,java-nio-full-connect",
            description = "Scenarios to run; also tcpshake-raw (the raw-socket engine: CAP_NET_RAW, skipped without it), tcpshake-cli (the command-line checker, `check --json`, in a child JVM) and jna-halfopen-reuse (the engine's two calls per check in a bare JNA loop: its floor). Default: ${DEFAULT-VALUE}.")
    List<String> scenarios;

    @Option(names = "--rounds", defaultValue = "1",
            description = "Run everything this many times, interleaved; the table shows the best round of each and the median of the rounds' ratios (noisy shared machines). Default: ${DEFAULT-VALUE}.")
    int rounds;

    @Option(names = "--c-dir", description = "Folder with the C reference loops, halfopen-limit.c and halfopen-reuse.c. Default: a folder shared/bench in or above the working directory, if there is one.")
    Path cDir;

    @Option(names = "--cli-jar", description = "tcpshake.jar, for the tcpshake-cli scenario. Default: agent/target/tcpshake.jar or ../agent/target/tcpshake.jar.")
    Path cliJar;

    @Mixin
    JsonOutput json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (checks < 1 || rounds < 1 || inFlight.stream().anyMatch(k -> k < 1)) {
            spec.commandLine().getErr().println("throughput: --checks, --rounds and --in-flight must be at least 1");
            return 2;
        }
        List<Scenario> selected = new ArrayList<>();
        Path sources = cDir != null ? cDir : NativeScenario.defaultSourceDir();
        Path work = Path.of(System.getProperty("java.io.tmpdir"), "tcpshake-bench");
        for (String name : scenarios) {
            Scenario scenario = create(name.trim(), sources, work, cliJar != null ? cliJar : FootprintBenchmark.defaultAgentJar());
            if (scenario == null) {
                spec.commandLine().getErr().println("throughput: unknown scenario '" + name + "'");
                return 2;
            }
            if (scenario.available()) {
                selected.add(scenario);
            } else {
                out.println("skipped " + scenario.name() + ": " + scenario.unavailableReason());
            }
        }
        Results results = new Results();
        try (BenchListener listener = new BenchListener()) {
            InetSocketAddress target = listener.address();
            out.printf("target %s, %d checks per run, %d round(s), %d cores, %s%n", target, checks, rounds,
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name") + " "
                    + System.getProperty("java.version"));
            out.flush();
            for (int round = 0; round < rounds; round++) {
                for (int k : inFlight) {
                    for (Scenario scenario : selected) {
                        long n = Math.min(checks, scenario.maxChecks());
                        listener.awaitQuiet();
                        long acceptedBefore = listener.accepted();
                        Measurement m = scenario.run(target, n, k);
                        listener.awaitQuiet();
                        m.accepted = listener.accepted() - acceptedBefore;
                        out.printf("  round %d  %-24s in-flight %4d  %,12.0f checks/s%n", round + 1, m.scenario, k,
                                m.checksPerSecond());
                        out.flush();
                        results.record(round, m);
                    }
                }
            }
            out.println();
            results.printTable(out);
            out.printf("accepted*: connections the listener's application side accepted, all rounds (0 for a half-open"
                    + " check)%nload average %s%n", LoadAverage.text());
        }
        json.writeIfAsked(out, results.jsonDocument());
        out.flush();
        return 0;
    }

    private static Scenario create(String name, Path sources, Path work, Path cli) {
        switch (name) {
            case "tcpshake-epoll":
                return new TcpshakeScenario(EngineChoice.EPOLL);
            case "tcpshake-nio":
                return new TcpshakeScenario(EngineChoice.NIO);
            case "tcpshake-raw":
                return new TcpshakeScenario(EngineChoice.RAW);
            case "java-blocking-socket":
                return new BlockingSocketScenario();
            case "java-nio-full-connect":
                return new NioFullConnectScenario();
            case "jna-halfopen-reuse":
                return new JnaLoopScenario();
            case "tcpshake-cli":
                return new CliScenario(cli);
            case "c-halfopen-limit":
                return new NativeScenario("halfopen-limit", sources, work);
            case "c-halfopen-reuse":
                return new NativeScenario("halfopen-reuse", sources, work);
            default:
                return null;
        }
    }
}
