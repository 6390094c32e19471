package io.tcpshake.exporter;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Prometheus' own linter, {@code promtool check metrics} (Debian package {@code prometheus}). */
final class Promtool {
    private Promtool() {
    }

    /** The promtool on PATH, or null. */
    static File find() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File candidate = new File(dir, "promtool");
            if (candidate.canExecute()) {
                return candidate;
            }
        }
        return null;
    }

    /** Why promtool tests are skipped, printed so the skip is visible in the build log. */
    static String missingReason() {
        String reason = "promtool is not on PATH: install Debian's prometheus package (apt-get install -y prometheus)"
                + " to lint the exposition";
        System.out.println("SKIPPED: " + reason);
        return reason;
    }

    /** Runs {@code promtool check metrics} on {@code exposition}; returns its exit code and output. */
    static Result checkMetrics(File promtool, String exposition) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(promtool.getPath(), "check", "metrics").redirectErrorStream(true).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(exposition.getBytes(StandardCharsets.UTF_8));
        }
        String output;
        try (InputStream out = process.getInputStream()) {
            output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("promtool check metrics did not finish in 60 s");
        }
        return new Result(process.exitValue(), output);
    }

    static final class Result {
        final int exitCode;
        final String output;

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
