package io.tcpshake.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One of the C reference loops in {@code benchmarks/c} ({@code halfopen-limit.c}: a socket per check;
 * {@code halfopen-reuse.c}: reused sockets), compiled here with {@code gcc -O2} and run as a child
 * process ({@link ShellRun}: its CPU time comes from the shell's {@code times}).
 */
final class NativeScenario implements Scenario {
    private static final Pattern LINE = Pattern.compile("checks=(\\d+) up=(\\d+) down=\\d+ seconds=([0-9.]+)");

    private final String program;
    private final Path source;
    private final Path workDir;
    private Path binary;
    private String unavailable;

    NativeScenario(String program, Path sourceDir, Path workDir) {
        this.program = program;
        this.source = sourceDir.resolve(program + ".c");
        this.workDir = workDir;
    }

    @Override
    public String name() {
        return "c-" + program;
    }

    @Override
    public String unavailableReason() {
        if (binary == null && unavailable == null) {
            compile();
        }
        return unavailable;
    }

    private void compile() {
        if (!Files.isRegularFile(source)) {
            unavailable = source + " not found (pass --c-dir)";
            return;
        }
        try {
            Files.createDirectories(workDir);
            Path out = workDir.resolve(program);
            CCompiler.compile(source, out);
            binary = out;
        } catch (IOException e) {
            unavailable = e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            unavailable = "interrupted";
        }
    }

    @Override
    public Measurement run(InetSocketAddress target, long checks, int inFlight) throws Exception {
        ShellRun run = ShellRun.run(name(), binary + " " + target.getAddress().getHostAddress() + " "
                + target.getPort() + " " + checks + " " + inFlight);
        Matcher line = LINE.matcher(run.output);
        if (!line.find()) {
            throw new IllegalStateException(name() + " printed no result: " + run.output);
        }
        Measurement m = new Measurement(name(), inFlight, Long.parseLong(line.group(1)),
                Long.parseLong(line.group(2)), Double.parseDouble(line.group(3)), run.cpuNanos, -1);
        m.loopCpuNanos = run.cpuNanos; // one thread: the loop is the program
        return m;
    }

    /** benchmarks/c of this repository, from its root or from a module's directory. */
    static Path defaultSourceDir() {
        for (String candidate : new String[] {"benchmarks/c", "../benchmarks/c"}) {
            Path path = Path.of(candidate);
            if (Files.isDirectory(path)) {
                return path;
            }
        }
        return Path.of("benchmarks/c");
    }
}
