package io.tcpshake.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs Prometheus' promtool (Debian package {@code prometheus}, installed by .ci/run). */
final class Promtool {
    private Promtool() {
    }

    /** Null when promtool runs here, else why not (the tests then skip with that reason). */
    static String unavailableReason() {
        try {
            Result version = run(Path.of("."), "--version");
            return version.exitCode == 0 ? null : "promtool --version failed: " + version.output;
        } catch (IOException e) {
            return "promtool is not installed (apt-get install prometheus): " + e.getMessage();
        }
    }

    static Result run(Path workDir, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add("promtool");
        command.addAll(Arrays.asList(args));
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, output + "\n(timed out)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return new Result(-1, output + "\n(interrupted)");
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
    }
}
