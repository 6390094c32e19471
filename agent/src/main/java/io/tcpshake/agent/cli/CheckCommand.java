package io.tcpshake.agent.cli;

import io.tcpshake.agent.config.EngineNames;
import io.tcpshake.core.Checker;
import io.tcpshake.core.EngineChoice;
import io.tcpshake.core.HostPort;
import io.tcpshake.core.HostResolver;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code tcpshake check}: the Go library's {@code tcp-checker}. Runs N half-open checks of each address,
 * C at a time, and prints each result ({@code -v}), a summary, or JSON ({@code --json}).
 */
@Command(name = "check",
        mixinStandardHelpOptions = true,
        versionProvider = ManifestVersion.class,
        sortOptions = false,
        description = {
            "Checks TCP addresses with half-open checks (SYN, SYN-ACK, RST).",
            "The target's kernel answers; its application never sees a connection.",
            "",
            "Each address is checked -n times; the checks go round-robin over the addresses, -c of them in "
                    + "flight at once in total. Host names are resolved once, before the clock starts, "
                    + "and the first address of each name is checked.",
            ""
        },
        footer = {
            "",
            "Output: a summary per address (and a total for several): checks, up, down by reason, "
                    + "latency min/p50/p99/max of every result, checks/s and the engine.",
            "",
            "Exit codes:",
            "  0  every check was up",
            "  1  at least one check was not up",
            "  2  usage error (one line on stderr)",
            "  3  the checks could not run",
            "",
            "Examples:",
            "  tcpshake check -a 127.0.0.1:5432",
            "  tcpshake check -a db:5432 -a [::1]:6379 -n 1000 -c 50 -t 500ms --json"
        })
public final class CheckCommand implements Callable<Integer> {
    /** At most this many checks in one run: a run counts its checks in an int. */
    static final long MAX_TOTAL_CHECKS = Integer.MAX_VALUE;

    private final HostResolver resolver;

    @Spec
    CommandSpec spec;

    @Option(names = {"-a", "--address"}, required = true, paramLabel = "HOST:PORT",
            description = "Address to check: 10.0.0.5:5432, db.internal:5432, [::1]:6379. Repeat for several.")
    List<String> addresses = new ArrayList<>();

    /** A target's default timeout ({@code TargetSettings.DEFAULT_TIMEOUT}), as text for the annotation. */
    static final String DEFAULT_TIMEOUT = "1s";

    @Option(names = {"-t", "--timeout"}, paramLabel = "DURATION", defaultValue = DEFAULT_TIMEOUT,
            description = "Timeout of each check, e.g. 500ms, 1s, 2m; a plain number is milliseconds "
                    + "(default: ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = {"-n", "--count"}, paramLabel = "N", defaultValue = "1",
            converter = WholeNumber.ToInt.class,
            description = "Checks per address (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = {"-c", "--concurrency"}, paramLabel = "C", defaultValue = "1",
            converter = WholeNumber.ToInt.class,
            description = "Checks in flight at once, over all addresses (default: ${DEFAULT-VALUE}). "
                    + "Each is a SYN to its target: keep it modest against small servers.")
    int concurrency;

    @Option(names = {"-v", "--verbose"},
            description = "Print each result as it arrives: address, outcome, latency, errno and its text "
                    + "(on stderr with --json).")
    boolean verbose;

    @Option(names = "--json", description = "Print the summary as one JSON object.")
    boolean json;

    @Option(names = "--engine", paramLabel = "auto|epoll|nio|raw", defaultValue = "auto",
            description = "Checking engine: epoll (Linux, JNA), nio (the JDK alone), raw (Linux, CAP_NET_RAW: "
                    + "SYNs on a raw socket, no socket per check; without the capability it says why and auto "
                    + "runs), or auto: epoll where it loads (default: ${DEFAULT-VALUE}).")
    String engine;

    @Option(names = "--fin",
            description = "Close each check with FIN instead of RST: a full connection the target may "
                    + "accept and log. Off by default.")
    boolean fin;

    /** The command with the JDK's resolver. */
    public CheckCommand() {
        this(HostResolver.system());
    }

    CheckCommand(HostResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public Integer call() throws InterruptedException {
        List<InetSocketAddress> parsed = parseAddresses();
        Duration checkTimeout = parseTimeout();
        EngineChoice engineChoice = parseEngine();
        requireCounts(parsed.size());
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter lines = json ? spec.commandLine().getErr() : out;

        List<CheckTarget> targets = TargetResolution.resolve(parsed, resolver, checkTimeout);
        try (Checker checker = buildChecker(engineChoice)) {
            checker.start();
            if (!checker.awaitReady(Duration.ofSeconds(10))) {
                spec.commandLine().getErr().println(spec.qualifiedName() + ": the " + checker.engineInfo()
                        + " checking loop did not start within 10 s; try --engine nio");
                return Cli.EXIT_FAILED;
            }
            if (verbose) {
                printHeader(lines, targets.size(), checkTimeout, checker);
            }
            CheckRun run = new CheckRun(checker, targets, count, concurrency, checkTimeout, !fin, verbose);
            Thread interruptedReport = interruptedReport(run, checker, checkTimeout, lines, out);
            Runtime.getRuntime().addShutdownHook(interruptedReport);
            try {
                run.run(arrived -> lines.println(TextReport.resultLine(arrived.target, arrived.result)), lines::flush);
            } finally {
                removeHook(interruptedReport);
            }
            CheckSummary summary = new CheckSummary(run.tallies(), run.elapsedNanos(), checker.engineInfo(),
                    checkTimeout, count, concurrency, !fin);
            report(summary, out);
            return summary.allUp() ? Cli.EXIT_ALL_UP : Cli.EXIT_SOME_DOWN;
        }
    }

    private void printHeader(PrintWriter lines, int addressCount, Duration checkTimeout, Checker checker) {
        lines.printf(TextReport.NUMBERS, "checking %d address%s, %d check%s each, %d in flight, timeout %s, "
                        + "close with %s; engine %s%n", addressCount, addressCount == 1 ? "" : "es",
                count, count == 1 ? "" : "s", concurrency, CliDuration.format(checkTimeout),
                fin ? "FIN" : "RST", checker.engineInfo());
        lines.flush();
    }

    /** Like tcp-checker on SIGINT: a run stopped by Ctrl-C or SIGTERM still reports what it did. */
    private Thread interruptedReport(CheckRun run, Checker checker, Duration checkTimeout, PrintWriter lines,
            PrintWriter out) {
        return new Thread(() -> {
            if (!run.isFinished()) {
                run.stopPrinting();
                CheckSummary partial = new CheckSummary(run.tallies(), run.elapsedSoFarNanos(),
                        checker.engineInfo(), checkTimeout, count, concurrency, !fin);
                lines.printf(TextReport.NUMBERS, "interrupted after %d of %d checks%n", partial.total.checks(),
                        run.total());
                lines.flush();
                report(partial, out);
            }
        }, "tcpshake-check-interrupted");
    }

    private void report(CheckSummary summary, PrintWriter out) {
        if (json) {
            out.println(JsonReport.render(summary));
        } else {
            TextReport.printSummary(summary, out);
        }
        out.flush();
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is exiting and the hook reports the partial run.
        }
    }

    private List<InetSocketAddress> parseAddresses() {
        List<InetSocketAddress> parsed = new ArrayList<>();
        for (String address : addresses) {
            try {
                parsed.add(HostPort.parse(address));
            } catch (IllegalArgumentException e) {
                throw usage("-a: " + e.getMessage());
            }
        }
        return parsed;
    }

    private Duration parseTimeout() {
        try {
            return CliDuration.parse(timeout);
        } catch (IllegalArgumentException e) {
            throw usage("-t: " + e.getMessage().replaceFirst("^invalid duration", "invalid timeout"));
        }
    }

    private EngineChoice parseEngine() {
        EngineChoice choice = EngineNames.parse(engine).orElseThrow(() -> usage("--engine: "
                + EngineNames.unknown(engine)));
        if (choice == EngineChoice.RAW && fin) {
            throw usage("--fin: the raw engine makes half-open checks only (RST); use --engine epoll or nio for FIN");
        }
        return choice;
    }

    private void requireCounts(int addressCount) {
        if (count < 1) {
            throw usage("-n: invalid count " + count + ": expected at least 1 check per address");
        }
        if (concurrency < 1) {
            throw usage("-c: invalid concurrency " + concurrency + ": expected at least 1 check in flight");
        }
        if ((long) count * addressCount > MAX_TOTAL_CHECKS) {
            throw usage("-n: " + count + " checks x " + addressCount + " address(es) is more than "
                    + MAX_TOTAL_CHECKS + " checks in one run");
        }
    }

    private Checker buildChecker(EngineChoice engineChoice) {
        try {
            return Checker.builder()
                    .engine(engineChoice)
                    .zeroLinger(!fin)
                    .callbacksOnLoopThread()
                    .threadName("tcpshake-check")
                    .build();
        } catch (IllegalStateException e) {
            throw usage("--engine " + engine + ": " + e.getMessage());
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
