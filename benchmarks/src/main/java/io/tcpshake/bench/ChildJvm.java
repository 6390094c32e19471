package io.tcpshake.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One run of {@link FootprintApp} in a child JVM: its output lines, when "ready" came, when it exited. */
final class ChildJvm {
    final List<String> lines = new ArrayList<>();
    final String stderr;
    /** Milliseconds from starting the process to reading its "ready" line, NaN when none came. */
    final double readyMillis;
    /** Milliseconds from starting the process to its exit. */
    final double exitMillis;
    final int exitCode;

    private ChildJvm(String stderr, double readyMillis, double exitMillis, int exitCode) {
        this.stderr = stderr;
        this.readyMillis = readyMillis;
        this.exitMillis = exitMillis;
        this.exitCode = exitCode;
    }

    static ChildJvm run(List<String> command, Path workDir) throws IOException, InterruptedException {
        Path errors = Files.createTempFile(workDir, "child", ".stderr");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(errors.toFile());
        long t0 = System.nanoTime();
        Process process = builder.start();
        double ready = Double.NaN;
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.equals("ready") && Double.isNaN(ready)) {
                    ready = (System.nanoTime() - t0) / 1e6;
                }
                lines.add(line);
            }
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("child JVM did not exit in 60 s: " + command);
        }
        double exit = (System.nanoTime() - t0) / 1e6;
        String stderr = new String(Files.readAllBytes(errors), StandardCharsets.UTF_8);
        Files.delete(errors);
        ChildJvm child = new ChildJvm(stderr, ready, exit, process.exitValue());
        child.lines.addAll(lines);
        if (child.exitCode != 0) {
            throw new IllegalStateException("child JVM exited with " + child.exitCode + ": " + command + "\n" + stderr);
        }
        return child;
    }

    List<String> threadNames() {
        List<String> names = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("thread ")) {
                names.add(line.substring("thread ".length()));
            }
        }
        return names;
    }

    long heapUsed() {
        for (String line : lines) {
            if (line.startsWith("heap ")) {
                return Long.parseLong(line.substring("heap ".length()));
            }
        }
        throw new IllegalStateException("child printed no heap line: " + lines + "\n" + stderr);
    }

    String errorLine() {
        for (String line : lines) {
            if (line.startsWith("error ")) {
                return line.substring("error ".length());
            }
        }
        return null;
    }
}
