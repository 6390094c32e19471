package io.tcpshake.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A benchmark's child process run through {@code bash -c "COMMAND; times"}: its output, and the CPU time
 * (user + system) of the shell's children from the {@code times} builtin, which a Java parent cannot
 * read for a process that has exited.
 */
final class ShellRun {
    private static final Pattern TIMES = Pattern.compile("(\\d+)m([0-9.]+)s (\\d+)m([0-9.]+)s");
    private static final long TIME_LIMIT_SECONDS = 300;

    /** What the command printed (stdout and stderr), without the {@code times} lines. */
    final String output;
    /** CPU time of the command's processes, -1 when {@code times} printed nothing readable. */
    final long cpuNanos;

    private ShellRun(String output, long cpuNanos) {
        this.output = output;
        this.cpuNanos = cpuNanos;
    }

    static ShellRun run(String name, String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("bash", "-c", command + "; times").redirectErrorStream(true).start();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!process.waitFor(TIME_LIMIT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(name + " did not finish in " + TIME_LIMIT_SECONDS + " s");
        }
        // times prints two lines, the shell's own times and then its children's: the last line is ours.
        int lastLine = text.lastIndexOf('\n');
        int shellLine = lastLine > 0 ? text.lastIndexOf('\n', lastLine - 1) : -1;
        Matcher times = TIMES.matcher(lastLine >= 0 ? text.substring(lastLine + 1) : text);
        long cpu = -1;
        if (times.find()) {
            cpu = (long) ((Long.parseLong(times.group(1)) * 60 + Double.parseDouble(times.group(2))
                    + Long.parseLong(times.group(3)) * 60 + Double.parseDouble(times.group(4))) * 1e9);
        }
        return new ShellRun(shellLine >= 0 ? text.substring(0, shellLine) : text, cpu);
    }
}
