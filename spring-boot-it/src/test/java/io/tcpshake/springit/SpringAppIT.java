package io.tcpshake.springit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tcpshake.springit.app.WebApp;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * tcpshake.jar as the agent of a Spring Boot 3.5 web application (web, Actuator, the Prometheus registry; its
 * libraries resolved by Maven, started on a plain class path rather than as an executable jar), as a new user
 * runs it: every message in the application's Logback log, none lost while Spring Boot sets its logging up;
 * exit as fast as without the agent; {@code JAVA_TOOL_OPTIONS} reaching another JVM beside it.
 */
class SpringAppIT {
    private static final String JAVA17 = System.getProperty("java.home");
    private static final String JAVA = AppJvm.javaOf(JAVA17);
    /**
     * Spring Boot's console pattern: time, level, pid, {@code ---}, {@code [thread]} cut to its last 15
     * characters, the logger, {@code :}, the message.
     */
    private static final Pattern LOGBACK_LINE = Pattern.compile(
            "^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\S*\\s+(INFO|WARN|ERROR) \\d+ --- \\[(.{15})\\] "
                    + "(\\S+)\\s* : (.*)$");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dir;

    static Stream<String> javaHomes() {
        List<String> homes = new ArrayList<>(List.of(JAVA17));
        Path java25 = Paths.get(System.getProperty("tcpshake.java25.home", "/usr/lib/jvm/temurin-25-jdk-amd64"));
        if (Files.isExecutable(java25.resolve("bin").resolve("java"))) {
            homes.add(java25.toString());
        }
        return homes.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("javaHomes")
    void everyMessageOfTheAgentIsInTheApplicationsLogbackLog(String javaHome) throws Exception {
        try (ServerSocket up = listener(); ServerSocket takenPort = listener()) {
            int refused = closedPort();
            // Decided 0.3 s into the JVM's life, while Spring Boot suppresses all logging until it is configured.
            Path targets = Files.writeString(dir.resolve("targets.yaml"), ""
                    + "defaults: {interval: 200ms, initial_delay: 300ms, timeout: 150ms, rise: 1, fall: 1}\n"
                    + "exporter: {port: " + takenPort.getLocalPort() + "}\n"
                    + "targets:\n"
                    + "  - {name: db, address: \"127.0.0.1:" + up.getLocalPort() + "\"}\n"
                    + "  - {name: cache, address: \"127.0.0.1:" + refused + "\"}\n");
            try (AppJvm app = AppJvm.start(AppJvm.javaOf(javaHome), List.of("-javaagent:" + AppJvm.agentJar() + "="
                    + targets), Map.of(), WebApp.class.getName(), "--server.port=0")) {
                app.awaitOutput("tcpshake: target cache");
                up.close();
                String log = app.awaitOutput("tcpshake: target db (127.0.0.1:" + up.getLocalPort() + ") is DOWN");

                List<String> lines = tcpshakeLines(log);
                assertEquals(5, lines.size(), "the taken port, the start-up line, three state changes:\n" + log);
                for (String line : lines) {
                    Matcher logback = LOGBACK_LINE.matcher(line);
                    assertTrue(logback.matches(), "in Logback's format: " + line + "\n" + log);
                    assertTrue(logback.group(2).trim().startsWith("tcpshake-"), "the thread name, whole: " + line);
                    assertTrue(logback.group(3).startsWith("io.tcpshake.agent"), "the logger: " + line);
                }
                assertTrue(lines.get(0).contains("ERROR") && lines.get(0).contains("tcpshake: the Prometheus endpoint"
                        + " could not start: port " + takenPort.getLocalPort()), lines.get(0));
                assertTrue(lines.get(1).contains(": tcpshake: monitoring 2 targets from " + targets + ", the "
                        + "Prometheus endpoint not started (port " + takenPort.getLocalPort()), lines.get(1));
                assertTrue(lines.get(1).contains("MBeans io.tcpshake:type=Monitor, JFR events"), lines.get(1));
                assertTrue(lines.stream().anyMatch(l -> l.contains("io.tcpshake.agent.state") && l.contains(
                        "tcpshake: target db (127.0.0.1:" + up.getLocalPort() + ") is UP (was UNKNOWN)")), log);
                assertTrue(lines.stream().anyMatch(l -> l.contains(" WARN ") && l.contains(
                        "tcpshake: target cache (127.0.0.1:" + refused + ") is DOWN (was UNKNOWN)")), log);
            }
        }
    }

    @Test
    void theApplicationExitsAsFastWithTheAgentAsWithout() throws Exception {
        try (ServerSocket up = listener()) {
            Path targets = Files.writeString(dir.resolve("targets.yaml"), ""
                    + "exporter: {port: 0}\n"
                    + "targets: [\"127.0.0.1:" + up.getLocalPort() + "\"]\n");
            long without = exitMillis(List.of());
            long with = exitMillis(List.of("-javaagent:" + AppJvm.agentJar() + "=" + targets));
            System.out.println("SpringAppIT: exit after System.exit: " + without + " ms without the agent, " + with
                    + " ms with it");
            // The JVM waits up to 0.3 s at exit for a thread left in native code (the checking loop's epoll_wait,
            // the exporter's selector); generous against a busy machine's noise, well under that wait.
            assertTrue(with < without + 250, "exit took " + with + " ms with the agent, " + without + " without");
        }
    }

    @Test
    void javaToolOptionsStartsTheAgentOnlyInTheApplicationItNames() throws Exception {
        int metricsPort;
        try (ServerSocket free = listener()) {
            metricsPort = free.getLocalPort();
        }
        Path targets = Files.writeString(dir.resolve("targets.yaml"), "targets: [\"127.0.0.1:" + closedPort() + "\"]\n");
        Map<String, String> environment = Map.of("JAVA_TOOL_OPTIONS", "-javaagent:" + AppJvm.agentJar() + "="
                + targets + ",port=" + metricsPort + ",main=io.tcpshake.springit.app.*");

        // Another JVM of that environment starts first, as Maven's did with mvn spring-boot:run.
        try (AppJvm other = AppJvm.start(JAVA, List.of(), environment, OtherJvm.class.getName())) {
            other.awaitOutput(OtherJvm.READY);
            await().atMost(AppJvm.STARTUP_TIMEOUT).until(() -> other.output().contains("tcpshake: not started")
                    || listening(metricsPort));
            assertTrue(other.output().contains("tcpshake: not started in this JVM: its main '"
                    + OtherJvm.class.getName() + "' does not match main=io.tcpshake.springit.app.*"), other.output());

            try (AppJvm app = AppJvm.start(JAVA, List.of(), environment, WebApp.class.getName(),
                    "--server.port=0")) {
                String log = app.awaitOutput("tcpshake: monitoring 1 targets");
                assertTrue(log.contains("metrics at http://127.0.0.1:" + metricsPort + "/metrics"), log);
                HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + metricsPort + "/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, metrics.statusCode());
                assertTrue(metrics.body().contains("tcpshake_target_up"), metrics.body());

                // A JDK tool run in the same environment stays a tool.
                try (AppJvm jcmd = AppJvm.command(List.of(Paths.get(JAVA17, "bin", "jcmd").toString(),
                        Long.toString(app.pid()), "VM.uptime"), environment)) {
                    assertEquals(0, jcmd.awaitExit(), jcmd.output());
                    assertFalse(jcmd.output().contains("tcpshake:"), jcmd.output());
                }
            }
            assertFalse(other.output().contains("tcpshake: monitoring"), other.output());
        }
    }

    /** Milliseconds from the application's System.exit to the end of its process. */
    private long exitMillis(List<String> jvmOptions) throws Exception {
        try (AppJvm app = AppJvm.start(JAVA, jvmOptions, Map.of(), WebApp.class.getName(), "--server.port=0",
                "--exit-when-ready")) {
            assertEquals(0, app.awaitExit(), app.output());
            Matcher exiting = Pattern.compile(Pattern.quote(WebApp.EXITING) + "(\\d+)").matcher(app.output());
            assertTrue(exiting.find(), app.output());
            return app.endedAtMillis() - Long.parseLong(exiting.group(1));
        }
    }

    /** The lines of the log that carry a tcpshake message, in order. */
    private static List<String> tcpshakeLines(String log) {
        return log.lines().filter(line -> line.contains("tcpshake:") && !line.startsWith("Picked up"))
                .collect(Collectors.toList());
    }

    private static ServerSocket listener() throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        return socket;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = listener()) {
            return socket.getLocalPort();
        }
    }

    private static boolean listening(int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
