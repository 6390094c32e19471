package io.tcpshake.springit;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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
import org.awaitility.core.ConditionTimeoutException;

/**
 * A JVM the tests start: the Spring Boot application (or another main class of these tests) on the class
 * path Maven resolved for it, its output (stdout and stderr together) collected line by line. Killed on
 * {@link #close()} whatever happened.
 */
final class AppJvm implements AutoCloseable {
    static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final StringBuffer output = new StringBuffer();
    private final Thread reader;
    /** When the process ended, in epoch milliseconds, taken as soon as the JDK sees it end. */
    private final CompletableFuture<Long> endedAt;

    private AppJvm(List<String> command, Map<String, String> environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().putAll(environment);
        this.process = builder.start();
        this.endedAt = process.onExit().thenApply(p -> System.currentTimeMillis());
        this.reader = new Thread(this::collect, "app-jvm-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code mainClass} on {@code java} with {@code jvmOptions} before it and {@code args} after. */
    static AppJvm start(String java, List<String> jvmOptions, Map<String, String> environment, String mainClass,
            String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.add("-Xmx256m");
        command.add("-XX:TieredStopAtLevel=1");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPath());
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

    /** This module's test classes, then Spring Boot and its libraries as Maven resolved them. */
    private static String classPath() throws IOException {
        Path resolved = Paths.get(System.getProperty("tcpshake.appClasspath", "target/spring-app.classpath"));
        String libraries = new String(Files.readAllBytes(resolved), StandardCharsets.UTF_8).trim();
        Path classes = Paths.get(System.getProperty("tcpshake.testClasses", "target/test-classes")).toAbsolutePath();
        return classes + java.io.File.pathSeparator + libraries;
    }

    private void collect() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                output.append(line).append('\n');
            }
        } catch (IOException e) {
            output.append("[output reader: ").append(e).append("]\n");
        }
    }

    long pid() {
        return process.pid();
    }

    String output() {
        return output.toString();
    }

    /** Waits until the output contains {@code text}; fails with the whole output otherwise. */
    String awaitOutput(String text) {
        try {
            await().atMost(STARTUP_TIMEOUT).pollInterval(Duration.ofMillis(50))
                    .until(() -> output.indexOf(text) >= 0 || !process.isAlive() && readerDone());
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no '" + text + "' within " + STARTUP_TIMEOUT + " in:\n" + output(), e);
        }
        if (output.indexOf(text) < 0) {
            throw new AssertionError("the JVM ended (exit " + process.exitValue() + ") without printing '" + text
                    + "':\n" + output());
        }
        return output();
    }

    private boolean readerDone() throws InterruptedException {
        reader.join(5000);
        return true;
    }

    /** Waits for the JVM to exit by itself; returns its exit status. */
    int awaitExit() throws InterruptedException {
        if (!process.waitFor(STARTUP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("the JVM did not exit within " + STARTUP_TIMEOUT + ":\n" + output());
        }
        reader.join(5000);
        return process.exitValue();
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
