package io.tcpshake.springit;

import io.tcpshake.core.testing.ProcessOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A JVM the tests start: the Spring Boot application (or another main class of these tests) on the class
 * path Maven resolved for it, its output (stdout and stderr together) collected line by line. Killed on
 * {@link #close()} whatever happened.
 */
final class AppJvm implements AutoCloseable {
    static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final ProcessOutput output;
    /** When the process ended, in epoch milliseconds, taken as soon as the JDK sees it end. */
    private final CompletableFuture<Long> endedAt;

    private AppJvm(List<String> command, Map<String, String> environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().putAll(environment);
        this.process = builder.start();
        this.endedAt = process.onExit().thenApply(p -> System.currentTimeMillis());
        this.output = ProcessOutput.of(process);
    }

    /** Starts {@code mainClass} on {@code java} with {@code jvmOptions} before it and {@code args} after. */
    static AppJvm start(String java, List<String> jvmOptions, Map<String, String> environment, String mainClass,
            String... args) throws IOException {
        return start(java, jvmOptions, environment, classPath(false), mainClass, args);
    }

    /** As {@link #start}, with tcpshake's Spring Boot starter (and its libraries) on the class path too. */
    static AppJvm startWithStarter(String java, List<String> jvmOptions, String mainClass, String... args)
            throws IOException {
        return start(java, jvmOptions, Map.of(), classPath(true), mainClass, args);
    }

    private static AppJvm start(String java, List<String> jvmOptions, Map<String, String> environment,
            String classPath, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.add("-Xmx256m");
        command.add("-XX:TieredStopAtLevel=1");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        command.addAll(List.of(args));
        return new AppJvm(command, environment);
    }

    /** Starts {@code command} as it is (a JDK tool), with {@code environment} added to this one's. */
    static AppJvm command(List<String> command, Map<String, String> environment) throws IOException {
        return new AppJvm(command, environment);
    }

    /** tcpshake.jar of the agent module (failsafe passes its path). */
    static Path agentJar() {
        return Paths.get(System.getProperty("tcpshake.jar", "../agent/target/tcpshake.jar")).toAbsolutePath();
    }

    /** The java launcher of a JDK's home. */
    static String javaOf(String javaHome) {
        return Paths.get(javaHome, "bin", "java").toString();
    }

    /**
     * This module's test classes, then Spring Boot and its libraries as Maven resolved them, then, with
     * {@code starter}, tcpshake's starter and its libraries.
     */
    private static String classPath(boolean starter) throws IOException {
        String libraries = read(System.getProperty("tcpshake.appClasspath", "target/spring-app.classpath"));
        Path classes = Paths.get(System.getProperty("tcpshake.testClasses", "target/test-classes")).toAbsolutePath();
        String path = classes + java.io.File.pathSeparator + libraries;
        return starter ? path + java.io.File.pathSeparator
                + read(System.getProperty("tcpshake.starterClasspath", "target/spring-starter.classpath")) : path;
    }

    private static String read(String file) throws IOException {
        return new String(Files.readAllBytes(Paths.get(file)), StandardCharsets.UTF_8).trim();
    }

    long pid() {
        return process.pid();
    }

    String output() {
        return output.text();
    }

    /** Waits until the output contains {@code text}; fails with the whole output otherwise. */
    String awaitOutput(String text) {
        return output.awaitText(text, STARTUP_TIMEOUT);
    }

    /** Waits for the JVM to exit by itself; returns its exit status. */
    int awaitExit() throws InterruptedException {
        return output.awaitExit(STARTUP_TIMEOUT);
    }

    /** When the JVM ended, epoch milliseconds; after {@link #awaitExit()}. */
    long endedAtMillis() {
        return endedAt.join();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
