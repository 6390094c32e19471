package io.tcpshake.agent.cli;

import io.tcpshake.core.HostResolver;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** One in-process run of the command line: its exit code, stdout and stderr. */
final class CliRun {
    final int exitCode;
    final String out;
    final String err;

    private CliRun(int exitCode, String out, String err) {
        this.exitCode = exitCode;
        this.out = out;
        this.err = err;
    }

    static CliRun of(String... args) {
        return with(HostResolver.system(), args);
    }

    static CliRun with(HostResolver resolver, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = Cli.run(args, new PrintWriter(out), new PrintWriter(err), resolver);
        return new CliRun(exitCode, out.toString(), err.toString());
    }

    List<String> outLines() {
        return Arrays.stream(out.split("\\R")).filter(line -> !line.isEmpty()).collect(Collectors.toList());
    }

    List<String> errLines() {
        return Arrays.stream(err.split("\\R")).filter(line -> !line.isEmpty()).collect(Collectors.toList());
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
