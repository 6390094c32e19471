package io.tcpshake.agent.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The CLI in a JVM of its own, as a user runs it: its exit code, its stdout and stderr in files. */
final class CliProcess {
    private CliProcess() {
    }

    /** Starts {@code tcpshake args} with its stdout in {@code out} and stderr in {@code err}. */
    static Process start(File out, File err, String... args) throws IOException {
        return start(List.of(), out, err, args);
    }

    /** {@link #start(File, File, String...)} under {@code launcher}, e.g. {@code setpriv} with its options. */
    static Process start(List<String> launcher, File out, File err, String... args) throws IOException {
        List<String> command = new ArrayList<>(launcher);
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(testClassPath());
        command.add(Cli.class.getName());
        command.addAll(Arrays.asList(args));
        return new ProcessBuilder(command).redirectOutput(out).redirectError(err)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    }

    /** Runs {@code tcpshake args} to its end (at most 60 s), with files for its output in {@code dir}. */
    static Result run(Path dir, String... args) throws IOException, InterruptedException {
        File out = dir.resolve("out-" + System.nanoTime()).toFile();
        File err = dir.resolve("err-" + System.nanoTime()).toFile();
        Process process = start(out, err, args);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the CLI did not exit within 60 s: " + Arrays.toString(args));
        }
        return new Result(process.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8),
                Files.readString(err.toPath(), StandardCharsets.UTF_8));
    }

    // Surefire may hand the test JVM a manifest-only jar; its own property lists the real entries.
    private static String testClassPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isEmpty() ? surefire : System.getProperty("java.class.path");
    }

    /** How a run ended. */
    static final class Result {
        final int exitCode;
        final String out;
        final String err;

        Result(int exitCode, String out, String err) {
            this.exitCode = exitCode;
            this.out = out;
            this.err = err;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }
}
