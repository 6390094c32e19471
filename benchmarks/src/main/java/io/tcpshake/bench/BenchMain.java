package io.tcpshake.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar benchmarks/target/tcpshake-benchmarks.jar <benchmark> [options]}. */
@Command(name = "tcpshake-bench", mixinStandardHelpOptions = true,
        description = "tcpshake benchmarks: each prints a table (and JSON with --json).",
        subcommands = {ThroughputBenchmark.class})
public final class BenchMain {
    BenchMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the benchmark named in {@code args}; returns the exit code. */
    public static int run(String[] args) {
        return new CommandLine(new BenchMain()).execute(args);
    }
}
