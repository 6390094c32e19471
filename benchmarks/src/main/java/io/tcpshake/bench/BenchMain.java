package io.tcpshake.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar benchmarks/target/tcpshake-benchmarks.jar <benchmark> [options]}. */
@Command(name = "tcpshake-bench", mixinStandardHelpOptions = true,
        description = "tcpshake benchmarks: each prints a table (and JSON with --json).",
        subcommands = {ThroughputBenchmark.class, MonitorScaleBenchmark.class, FootprintBenchmark.class,
                ScrapeBenchmark.class, MicrometerScrapeBenchmark.class, TargetsFileBenchmark.class})
public final class BenchMain {
    BenchMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the benchmark named in {@code args}; returns the exit code. */
    public static int run(String[] args) {
        return commandLine().execute(args);
    }

    /** The command line with every benchmark as a subcommand; enum options take any case ({@code --engine epoll}). */
    static CommandLine commandLine() {
        return new CommandLine(new BenchMain()).setCaseInsensitiveEnumValuesAllowed(true);
    }
}
