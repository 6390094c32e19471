package io.tcpshake.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command and follows its peak resident set size ({@code VmHWM} in {@code /proc/PID/status}, which only
 * grows) until it exits: the last value read is the peak, to within the few milliseconds between readings.
 */
final class PeakRss {
    private PeakRss() {
    }

    /** One finished run: exit status, first line of output (stdout and stderr), wall time and peak RSS. */
    static final class Run {
        final int exitCode;
        final String firstLine;
        final double wallMillis;
        final long peakRssKb;

        Run(int exitCode, String firstLine, double wallMillis, long peakRssKb) {
            this.exitCode = exitCode;
            this.firstLine = firstLine;
            this.wallMillis = wallMillis;
            this.peakRssKb = peakRssKb;
        }
    }

    /** The exit code of a run killed at its time limit. */
    static final int KILLED = -1;

    /** Runs {@code command}; one still running after {@code timeoutSeconds} is killed ({@link #KILLED}). */
    static Run run(List<String> command, long timeoutSeconds) throws IOException, InterruptedException {
        Path output = Files.createTempFile("tcpshake-peak-rss", ".out");
        try {
            long t0 = System.nanoTime();
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                    .start();
            Path status = Path.of("/proc", String.valueOf(process.pid()), "status");
            long peak = 0;
            long deadline = t0 + TimeUnit.SECONDS.toNanos(timeoutSeconds);
            while (!process.waitFor(2, TimeUnit.MILLISECONDS)) {
                peak = Math.max(peak, highWaterMarkKb(status));
                if (System.nanoTime() > deadline) {
                    process.destroyForcibly().waitFor();
                    return new Run(KILLED, "did not end in " + timeoutSeconds + " s (killed)",
                            (System.nanoTime() - t0) / 1e6, peak);
                }
            }
            double wall = (System.nanoTime() - t0) / 1e6;
            String first = Files.readAllLines(output, StandardCharsets.UTF_8).stream().findFirst().orElse("");
            return new Run(process.exitValue(), first, wall, peak);
        } finally {
            Files.delete(output);
        }
    }

    /** {@code VmHWM} in kB, or 0 once the process is gone. */
    private static long highWaterMarkKb(Path status) {
        try {
            for (String line : Files.readAllLines(status, StandardCharsets.UTF_8)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // The process ended between the check and the read.
        }
        return 0;
    }
}
