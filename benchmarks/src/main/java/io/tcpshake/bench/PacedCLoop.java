package io.tcpshake.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code halfopen-paced.c} (in this jar): {@code halfopen-reuse.c}'s loop started at a fixed rate, a
 * millisecond's worth of checks every millisecond, round robin over a set of ports: what a monitor's
 * checks cost in C, compiled here with {@code gcc -O2} and run as a child process ({@link ShellRun}: its
 * CPU time from the shell's {@code times}).
 */
final class PacedCLoop {
    private static final String SOURCE = "/c/halfopen-paced.c";
    private static final Pattern LINE = Pattern.compile("checks=(\\d+) up=(\\d+) down=\\d+ seconds=([0-9.]+)");

    /** Checks done, of them up, and the process's CPU time. */
    static final class Run {
        final long checks;
        final long up;
        final long cpuNanos;

        Run(long checks, long up, long cpuNanos) {
            this.checks = checks;
            this.up = up;
            this.cpuNanos = cpuNanos;
        }
    }

    private final Path binary;

    private PacedCLoop(Path binary) {
        this.binary = binary;
    }

    /** Compiles the loop into {@code workDir}; throws with gcc's words when it cannot. */
    static PacedCLoop compile(Path workDir) throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        Path source = workDir.resolve("halfopen-paced.c");
        try (InputStream in = PacedCLoop.class.getResourceAsStream(SOURCE)) {
            if (in == null) {
                throw new IOException(SOURCE + " is not in the benchmarks jar");
            }
            Files.write(source, in.readAllBytes());
        }
        Path out = workDir.resolve("halfopen-paced");
        CCompiler.compile(source, out);
        return new PacedCLoop(out);
    }

    /** {@code checksPerSecond} half-open checks to 127.0.0.1 on {@code ports} for {@code seconds}, {@code sockets} reused. */
    Run run(List<Integer> ports, double checksPerSecond, double seconds, int sockets)
            throws IOException, InterruptedException {
        String portList = ports.stream().map(String::valueOf).collect(Collectors.joining(","));
        ShellRun run = ShellRun.run("halfopen-paced", binary + " 127.0.0.1 " + portList + " " + checksPerSecond + " "
                + seconds + " " + sockets);
        Matcher line = LINE.matcher(run.output);
        if (!line.find()) {
            throw new IllegalStateException("halfopen-paced printed no result: " + run.output);
        }
        return new Run(Long.parseLong(line.group(1)), Long.parseLong(line.group(2)), run.cpuNanos);
    }
}
