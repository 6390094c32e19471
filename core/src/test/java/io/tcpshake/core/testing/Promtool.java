package io.tcpshake.core.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus' {@code promtool} (Debian package {@code prometheus}, installed by .ci/run), for the tests that
 * lint an exposition, alert rules or a Prometheus configuration.
 */
public final class Promtool {
    private static final long TIME_LIMIT_SECONDS = 60;

    private Promtool() {
    }

    /**
     * Null when promtool runs here, else why not, also printed so that the skip is visible in the build log
     * (the tests then skip with that reason).
     */
    public static String unavailableReason() {
        String reason;
        try {
            Result version = run(Path.of("."), "--version");
            reason = version.exitCode == 0 ? null : "promtool --version failed: " + version.output;
        } catch (IOException e) {
            reason = "promtool is not installed (apt-get install -y prometheus): " + e.getMessage();
        }
        if (reason != null) {
            System.out.println("SKIPPED: " + reason);
        }
        return reason;
    }

    /** Runs {@code promtool ARGS} in {@code workDir}: its exit code (-1 when it did not finish) and output. */
    public static Result run(Path workDir, String... args) throws IOException {
        return runWithInput(workDir, null, args);
    }

    /** {@code promtool check metrics} on {@code exposition} (the text of a scrape). */
    public static Result checkMetrics(String exposition) throws IOException {
        return runWithInput(Path.of("."), exposition, "check", "metrics");
    }

    private static Result runWithInput(Path workDir, String stdin, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add("promtool");
        command.addAll(Arrays.asList(args));
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
        try (OutputStream in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(TIME_LIMIT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, output + "\n(timed out after " + TIME_LIMIT_SECONDS + " s)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return new Result(-1, output + "\n(interrupted)");
        }
        return new Result(process.exitValue(), output);
    }

    /** What promtool said. */
    public static final class Result {
        public final int exitCode;
        public final String output;

        Result(int exitCode, String output) {
            this.exitCode = exitCode;
            this.output = output;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + ": " + output;
        }
    }
}
