package io.tcpshake.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The demo application with the agent, in a child JVM, on free loopback ports: what {@code examples/demo/run.sh}
 * starts, for the end-to-end tests. Its output goes to a log file the tests show when they fail.
 */
final class DemoRun implements AutoCloseable {
    static final Path AGENT_JAR = Path.of("..", "agent", "target", "tcpshake.jar");
    static final Path EXAMPLES_JAR = Path.of("target", "tcpshake-examples.jar");

    private final Process process;
    private final Path log;
    private final int metricsPort;

    private DemoRun(Process process, Path log, int metricsPort) {
        this.process = process;
        this.log = log;
        this.metricsPort = metricsPort;
    }

    /**
     * Starts the demo for {@code runFor} (e.g. {@code 120s}) with {@code agentArgument} after
     * {@code -javaagent:tcpshake.jar=}, the flapping target changing every {@code flapSeconds}.
     */
    static DemoRun start(Path dir, String agentArgument, int flapSeconds, String runFor) throws IOException {
        assertTrue(Files.isRegularFile(AGENT_JAR), AGENT_JAR.toAbsolutePath() + " missing: run mvn package first");
        Map<String, String> env = new HashMap<>();
        int metricsPort = freePort();
        env.put("DEMO_METRICS_PORT", Integer.toString(metricsPort));
        for (String port : new String[] {"DEMO_UP_PORT", "DEMO_UP_V6_PORT", "DEMO_REFUSED_PORT", "DEMO_TIMEOUT_PORT",
                "DEMO_FLAPPING_PORT"}) {
            env.put(port, Integer.toString(freePort()));
        }
        env.put("DEMO_FLAP_SECONDS", Integer.toString(flapSeconds));
        Path log = dir.resolve("demo.log");
        ProcessBuilder demo = new ProcessBuilder(java(), "-javaagent:" + AGENT_JAR + "=" + agentArgument,
                "-cp", EXAMPLES_JAR.toString(), "io.tcpshake.examples.demo.DemoApp", runFor)
                .redirectErrorStream(true).redirectOutput(log.toFile());
        demo.environment().putAll(env);
        return new DemoRun(demo.start(), log, metricsPort);
    }

    /** The port of the agent's endpoint: {@code /}, {@code /metrics}, {@code /status.json}. */
    int metricsPort() {
        return metricsPort;
    }

    /** What the demo and the agent printed so far. */
    String log() {
        return read(log);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    static String java() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
