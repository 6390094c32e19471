package io.tcpshake.agent;

import io.tcpshake.agent.hostapp.HostApp;
import io.tcpshake.core.testing.ProcessOutput;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A {@link HostApp} in its own JVM, optionally with tcpshake.jar as its agent; its output (stdout and
 * stderr together) is collected for the test to wait on. Killed on {@link #close()} whatever happened.
 */
final class ChildJvm implements AutoCloseable {
    static final Duration OUTPUT_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final ProcessOutput output;

    private ChildJvm(List<String> command) throws IOException {
        this(command, Map.of());
    }

    private ChildJvm(List<String> command, Map<String, String> environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        this.process = builder.start();
        this.output = ProcessOutput.of(process);
    }

    /** The tcpshake.jar this build made (failsafe passes its path). */
    static Path agentJar() {
        return Paths.get(System.getProperty("tcpshake.jar", "target/tcpshake.jar")).toAbsolutePath();
    }

    /**
     * Runs {@code tool} of the JDK running the tests ({@code jcmd}, {@code jfr}) with {@code args} and returns
     * its output; fails unless it exits 0 within 30 s.
     */
    static String jdkTool(String tool, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", tool).toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in 30 s: " + output);
        }
        if (process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " exited " + process.exitValue() + ": " + output);
        }
        return output;
    }

    /** The java launcher of a JDK's home: the JDK running the tests, or another. */
    static String javaOf(String javaHome) {
        return Paths.get(javaHome, "bin", "java").toString();
    }

    /** The host app's class path: its own class plus its own JNA and simpleclient versions. */
    static String hostAppClassPath() throws IOException {
        Path libs = Paths.get(System.getProperty("tcpshake.hostAppLibs", "target/host-app-libs"));
        List<String> entries = new ArrayList<>();
        entries.add(Paths.get(System.getProperty("tcpshake.testClasses", "target/test-classes")).toAbsolutePath().toString());
        try (Stream<Path> jars = Files.list(libs)) {
            entries.addAll(jars.filter(p -> p.toString().endsWith(".jar")).map(p -> p.toAbsolutePath().toString())
                    .sorted().collect(Collectors.toList()));
        }
        return String.join(File.pathSeparator, entries);
    }

    /**
     * Starts the host app on {@code java} with {@code jvmOptions} (e.g. {@code -javaagent:...}) before the main
     * class. Its life is bounded by the app's own watchdog too.
     */
    static ChildJvm start(String java, List<String> jvmOptions) throws IOException {
        return start(java, jvmOptions, Map.of());
    }

    /** {@link #start(String, List)} with {@code environment} added to this JVM's. */
    static ChildJvm start(String java, List<String> jvmOptions, Map<String, String> environment) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.add("-Xmx128m");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Dhostapp.maxSeconds=90");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(hostAppClassPath());
        command.add(HostApp.class.getName());
        return new ChildJvm(command, environment);
    }

    /** Starts {@code command} as it is. */
    static ChildJvm command(List<String> command) throws IOException {
        return new ChildJvm(command);
    }

    /** Starts {@code java -jar tcpshake.jar args...} (the CLI). */
    static ChildJvm cli(String java, String... args) throws IOException {
        return cli(Map.of(), java, args);
    }

    /** {@link #cli(String, String...)} with {@code environment} added to this JVM's. */
    static ChildJvm cli(Map<String, String> environment, String java, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.add("-jar");
        command.add(agentJar().toString());
        command.addAll(List.of(args));
        return new ChildJvm(command, environment);
    }

    long pid() {
        return process.pid();
    }

    /** Everything the child printed so far. */
    String output() {
        return output.text();
    }

    /** Waits until the output contains {@code text}; fails with the whole output otherwise. */
    String awaitOutput(String text) {
        return output.awaitText(text, OUTPUT_TIMEOUT);
    }

    /** Writes {@code line} to the child's stdin (a {@code HostApp} command). */
    void send(String line) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** Asks the host app to exit and returns its exit status. */
    int exit() throws IOException, InterruptedException {
        if (process.isAlive()) {
            OutputStream in = process.getOutputStream();
            in.write("exit\n".getBytes(StandardCharsets.UTF_8));
            in.flush();
        }
        return waitFor();
    }

    /** Waits (bounded) for the child to end by itself and returns its exit status. */
    int waitFor() throws InterruptedException {
        return output.awaitExit(OUTPUT_TIMEOUT);
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
