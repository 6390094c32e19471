package io.tcpshake.agent;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.tools.attach.VirtualMachine;
import io.tcpshake.agent.hostapp.HostApp;
import io.tcpshake.agent.hostapp.PremainTiming;
import io.tcpshake.core.testing.LoopbackTargets;
import io.tcpshake.core.testing.LoopbackTargets.UpListener;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * tcpshake.jar as an agent inside a child JVM running {@link HostApp}: the app keeps its own JNA and
 * simpleclient, the agent checks loopback targets, and whatever goes wrong with the agent, the app runs on and
 * exits with its own status.
 */
class AgentIT {
    private static final Pattern METRICS_URL = Pattern.compile("metrics at (http://\\S+/metrics)");
    /** JDK 25's home, where the build says (failsafe passes it) or its usual place. */
    private static final String JAVA25_HOME =
            System.getProperty("tcpshake.java25.home", "/usr/lib/jvm/temurin-25-jdk-amd64");

    @TempDir
    Path dir;
    @AutoClose
    private final LoopbackTargets loopback = new LoopbackTargets();

    /** The JDK running the tests, plus JDK 25 where it is installed. */
    static Stream<String> javaHomes() {
        List<String> homes = new ArrayList<>();
        homes.add(System.getProperty("java.home"));
        if (java25Installed()) {
            homes.add(JAVA25_HOME);
        }
        return homes.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("javaHomes")
    void agentChecksTargetsBesideTheApplicationsOwnJnaAndSimpleclient(String javaHome) throws Exception {
        UpListener up = loopback.upListener(LoopbackTargets.V4);
        InetSocketAddress refused = loopback.refusedAddress(LoopbackTargets.V4);
        Path targets = write("targets.yaml", TargetsYaml.of(up.address(), refused).exporterPort(0).jmx(true).jfr(true)
                .text());

        try (ChildJvm child = ChildJvm.start(ChildJvm.javaOf(javaHome), List.of(agentOption(targets)))) {
            child.awaitOutput("hostapp: ready");
            String output = child.awaitOutput("tcpshake: monitoring 2 targets");
            assertTrue(output.contains("hostapp: jna 5.13.0 from ") && output.contains("jna-5.13.0.jar, getpid() works"),
                    output);
            assertTrue(output.contains("simpleclient-0.15.0.jar, counter 1.0"), output);
            assertTrue(output.contains("hostapp: tcpshake classes are hidden"), output);
            child.awaitOutput("target up (" + TargetsYaml.format(up.address()) + ") is UP");
            child.awaitOutput("target refused (" + TargetsYaml.format(refused) + ") is DOWN");

            String metricsUrl = metricsUrl(child.output());
            String metrics = scrape(metricsUrl);
            assertTrue(metrics.contains("tcpshake_target_up{") && metrics.contains("target=\"up\""), metrics);
            assertTrue(up.acceptedNothing(), "the up listener's application saw a connection");
            assertFalse(child.output().contains("could not start"), child.output());
            assertTrue(child.output().contains("engine epoll"), child.output());

            try (JMXConnector jmx = JMXConnectorFactory.connect(new JMXServiceURL(localJmxUrl(child.pid())))) {
                MBeanServerConnection server = jmx.getMBeanServerConnection();
                ObjectName monitor = new ObjectName("io.tcpshake:type=Monitor");
                assertEquals(2, server.getAttribute(monitor, "TargetCount"));
                assertEquals(metricsUrl, server.getAttribute(monitor, "MetricsUrl"));
                Files.writeString(targets, "targets:\n  - {address: \"127.0.0.1:1\", timout: 1s}\n");
                String reload = (String) server.invoke(monitor, "reload", new Object[0], new String[0]);
                assertTrue(reload.contains("timout"), reload);
                assertEquals(false, server.getAttribute(monitor, "LastReloadSuccess"));
                assertEquals(2, server.getAttribute(monitor, "TargetCount"), "the last good targets run on");
            }
            assertEquals(HostApp.EXIT_STATUS, child.exit(), child.output());
            assertFalse(child.output().contains("LEAK"), child.output());
        }
    }

    @Test
    void premainReturnsBeforeTheAgentHasStarted() throws Exception {
        UpListener up = loopback.upListener(LoopbackTargets.V4);
        Path targets = write("targets.yaml", TargetsYaml.of(up.address()).text());
        String classPath = ChildJvm.agentJar() + java.io.File.pathSeparator + ChildJvm.hostAppClassPath();
        try (ChildJvm child = ChildJvm.command(List.of(java(), "-Dhostapp.maxSeconds=60", "-cp", classPath,
                PremainTiming.class.getName(), targets.toString()))) {
            String output = child.awaitOutput("tcpshake: monitoring 1 targets");
            Matcher took = Pattern.compile("premain returned in (\\d+) us").matcher(output);
            assertTrue(took.find(), output);
            assertTrue(took.start() < output.indexOf("tcpshake: monitoring"), "premain waited for the start:\n" + output);
            // Generous for a busy shared machine: measured 2-22 ms, class loading included.
            assertTrue(Long.parseLong(took.group(1)) < 500_000, output);
            assertEquals(HostApp.EXIT_STATUS, child.exit(), child.output());
        }
    }

    @Test
    void agentLeavesNoSystemPropertyBehind() throws Exception {
        UpListener up = loopback.upListener(LoopbackTargets.V4);
        Path targets = write("targets.yaml", TargetsYaml.of(up.address()).text());
        // The host app does not load its own JNA here, so every jna.* property would be the agent's.
        try (ChildJvm child = ChildJvm.start(java(), List.of(agentOption(targets), "-Dhostapp.jna=false"))) {
            child.awaitOutput("hostapp: ready");
            String output = child.awaitOutput("target up (" + TargetsYaml.format(up.address()) + ") is UP");
            assertTrue(output.contains("engine epoll"), "JNA was loaded: " + output);
            child.send("properties");
            child.awaitOutput("hostapp: properties [");
            assertTrue(child.output().contains("hostapp: properties []"), child.output());
            assertEquals(HostApp.EXIT_STATUS, child.exit(), child.output());
        }
    }

    @Test
    void theBootstrapTellsTheApplicationWhetherTheAgentRuns() throws Exception {
        Path targets = write("targets.yaml", TargetsYaml.of(loopback.refusedAddress(LoopbackTargets.V4)).text());
        try (ChildJvm running = ChildJvm.start(java(), List.of(agentOption(targets)));
                ChildJvm off = ChildJvm.start(java(), List.of(agentOption(targets) + ",log_hold=10"))) {
            running.awaitOutput("tcpshake: monitoring 1 targets");
            running.send("started-by");
            assertTrue(running.awaitOutput("hostapp: started-by ").contains(
                    "hostapp: started-by -javaagent with '" + targets + "'"), running.output());

            // A malformed option: the agent stays off, and says so to the application too.
            off.awaitOutput("tcpshake stays off");
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                off.send("started-by");
                return off.output().contains("hostapp: started-by null");
            });
            assertFalse(off.output().contains("hostapp: started-by -javaagent"), off.output());
        }
    }

    @Test
    void missingFileIsReportedAndTheApplicationRunsOn() throws Exception {
        Path missing = dir.resolve("nowhere.yaml");
        try (ChildJvm child = ChildJvm.start(java(), List.of(agentOption(missing)))) {
            child.awaitOutput("hostapp: ready");
            String output = child.awaitOutput("is not valid, not monitoring yet");
            assertTrue(output.contains(missing.toString()), output);
            assertEquals(HostApp.EXIT_STATUS, child.exit(), child.output());
        }
    }

    @Test
    void badYamlIsReportedWithItsLineAndTheApplicationRunsOn() throws Exception {
        Path targets = write("targets.yaml", "targets:\n  - {address: \"127.0.0.1:1\"\n");
        try (ChildJvm child = ChildJvm.start(java(), List.of(agentOption(targets)))) {
            child.awaitOutput("hostapp: ready");
            String output = child.awaitOutput("is not valid, not monitoring yet");
            assertTrue(output.contains(targets + ":"), output);
            assertEquals(HostApp.EXIT_STATUS, child.exit(), child.output());
        }
    }

    @Test
    void unknownKeyIsNamedAndTheApplicationRunsOn() throws Exception {
        Path targets = write("targets.yaml", "targets:\n  - {address: \"127.0.0.1:1\", timout: 1s}\n");
        try (ChildJvm child = ChildJvm.start(java(), List.of(agentOption(targets)))) {
            child.awaitOutput("hostapp: ready");
            String output = child.awaitOutput("is not valid, not monitoring yet");
            assertTrue(output.contains("timout"), output);
            assertEquals(HostApp.EXIT_STATUS, child.exit(), child.output());
        }
    }

    @Test
    void takenExporterPortIsReportedAndMonitoringRunsOn() throws Exception {
        UpListener up = loopback.upListener(LoopbackTargets.V4);
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            Path targets = write("targets.yaml",
                    TargetsYaml.of(up.address()).exporterPort(taken.getLocalPort()).text());
            try (ChildJvm child = ChildJvm.start(java(), List.of(agentOption(targets)))) {
                child.awaitOutput("hostapp: ready");
                child.awaitOutput("tcpshake: monitoring 1 targets");
                String output = child.awaitOutput("target up (" + TargetsYaml.format(up.address()) + ") is UP");
                assertTrue(output.contains(String.valueOf(taken.getLocalPort())), output);
                assertTrue(output.contains("the Prometheus endpoint could not start"), output);
                assertTrue(output.contains("already in use") && output.contains("change exporter.port"), output);
                assertEquals(HostApp.EXIT_STATUS, child.exit(), child.output());
            }
        }
    }

    @Test
    void unloadableJnaFallsBackToNioAndCoresMessageIsHeldWithTheAgents() throws Exception {
        UpListener up = loopback.upListener(LoopbackTargets.V4);
        Path targets = write("targets.yaml", TargetsYaml.of(up.address()).text());
        // No native library from the class path nor the system: JNA cannot load at all (the app does not use it).
        List<String> options = List.of("-Djna.noclasspath=true", "-Djna.nosys=true",
                "-Djna.boot.library.path=/nonexistent", "-Dhostapp.jna=false", agentOption(targets) + ",log_hold=1s");
        try (ChildJvm child = ChildJvm.start(java(), options)) {
            child.awaitOutput("hostapp: ready");
            String output = child.awaitOutput("tcpshake: monitoring 1 targets");
            assertTrue(output.contains("engine nio"), output);
            assertTrue(output.contains("Unable to locate JNA native support library"), "the fallback's reason:\n" + output);
            // Core's own line (logger io.tcpshake.core) comes out of the hold beside the agent's, in order.
            assertTrue(Pattern.compile("tcpshake uses the NIO engine: .*held while the application started")
                    .matcher(output).find(), output);
            assertTrue(output.indexOf("tcpshake uses the NIO engine") < output.indexOf("tcpshake: monitoring"), output);
            child.awaitOutput("target up (" + TargetsYaml.format(up.address()) + ") is UP");
            assertEquals(HostApp.EXIT_STATUS, child.exit(), child.output());
        }
    }

    @Test
    void deniedNativeAccessOnJdk25FallsBackToNio() throws Exception {
        String java25 = java25();
        UpListener up = loopback.upListener(LoopbackTargets.V4);
        Path targets = write("targets.yaml", TargetsYaml.of(up.address()).text());
        // What a future JDK does by default: JNA's System.load is refused.
        List<String> options = List.of("--illegal-native-access=deny", "-Dhostapp.jna=false", agentOption(targets));
        try (ChildJvm child = ChildJvm.start(java25, options)) {
            child.awaitOutput("hostapp: ready");
            String output = child.awaitOutput("tcpshake: monitoring 1 targets");
            assertTrue(output.contains("engine nio"), output);
            child.awaitOutput("target up (" + TargetsYaml.format(up.address()) + ") is UP");
            assertEquals(HostApp.EXIT_STATUS, child.exit(), child.output());
        }
    }

    @Test
    void validEditIsAppliedAndInvalidEditKeepsTheLastGoodConfiguration() throws Exception {
        UpListener first = loopback.upListener(LoopbackTargets.V4);
        UpListener second = loopback.upListener(LoopbackTargets.V4);
        Path targets = write("targets.yaml", TargetsYaml.of(first.address()).text());
        try (ChildJvm child = ChildJvm.start(java(), List.of(agentOption(targets)))) {
            child.awaitOutput("tcpshake: monitoring 1 targets");
            child.awaitOutput("target up (" + TargetsYaml.format(first.address()) + ") is UP");

            Files.writeString(targets, TargetsYaml.of(first.address()).plus("second", second.address()).text());
            child.awaitOutput("tcpshake: reloaded " + targets + ": 2 targets");
            child.awaitOutput("target second (" + TargetsYaml.format(second.address()) + ") is UP");

            Files.writeString(targets, "targets:\n  - {address: \"127.0.0.1:1\", timout: 1s}\n");
            String output = child.awaitOutput("keeping the last good configuration (2 targets)");
            assertTrue(output.contains("timout"), output);
            assertEquals(HostApp.EXIT_STATUS, child.exit(), child.output());
        }
    }

    @Test
    void attachStartsTheAgentInARunningJvmAndASecondAttachIsRefused() throws Exception {
        UpListener up = loopback.upListener(LoopbackTargets.V4);
        // With JMX on, the second attach sees the Monitor MBean and loads nothing (exit 3).
        Path targets = write("targets.yaml", TargetsYaml.of(up.address()).jmx(true).text());
        try (ChildJvm app = ChildJvm.start(java(), List.of())) {
            app.awaitOutput("hostapp: ready");
            try (ChildJvm attach = ChildJvm.cli(java(), "attach", String.valueOf(app.pid()), targets.toString())) {
                assertEquals(0, attach.waitFor(), attach.output());
                assertTrue(attach.output().contains("agent loaded into JVM " + app.pid()), attach.output());
            }
            app.awaitOutput("tcpshake: monitoring 1 targets");
            app.awaitOutput("target up (" + TargetsYaml.format(up.address()) + ") is UP");
            try (ChildJvm again = ChildJvm.cli(java(), "attach", String.valueOf(app.pid()), targets.toString())) {
                assertEquals(3, again.waitFor(), again.output());
                assertTrue(again.output().contains("tcpshake already runs in JVM " + app.pid()), again.output());
            }
            assertEquals(HostApp.EXIT_STATUS, app.exit(), app.output());
        }
    }

    /**
     * JDK 21 and later warn in the application when an agent is loaded dynamically (JEP 451) and refuse it
     * when the application was started with {@code -XX:-EnableDynamicAgentLoading}: the README says both.
     */
    @Test
    void attachOnJdk25IsWarnedOfAndRefusedWhereDynamicLoadingIsOff() throws Exception {
        String java25 = java25();
        UpListener up = loopback.upListener(LoopbackTargets.V4);
        Path targets = write("targets.yaml", TargetsYaml.of(up.address()).text());
        try (ChildJvm app = ChildJvm.start(java25, List.of("-Dhostapp.jna=false"))) {
            app.awaitOutput("hostapp: ready");
            try (ChildJvm attach = ChildJvm.cli(java25, "attach", String.valueOf(app.pid()), targets.toString())) {
                assertEquals(0, attach.waitFor(), attach.output());
            }
            app.awaitOutput("WARNING: A Java agent has been loaded dynamically (" + ChildJvm.agentJar() + ")");
            app.awaitOutput("target up (" + TargetsYaml.format(up.address()) + ") is UP");
            assertEquals(HostApp.EXIT_STATUS, app.exit(), app.output());
        }
        try (ChildJvm app = ChildJvm.start(java25, List.of("-XX:-EnableDynamicAgentLoading", "-Dhostapp.jna=false"))) {
            app.awaitOutput("hostapp: ready");
            try (ChildJvm attach = ChildJvm.cli(java25, "attach", String.valueOf(app.pid()), targets.toString())) {
                assertEquals(2, attach.waitFor(), attach.output());
                assertTrue(attach.output().startsWith("tcpshake attach: JVM " + app.pid() + " could not load "
                        + ChildJvm.agentJar() + ": ") && attach.output().contains("-XX:+EnableDynamicAgentLoading"),
                        attach.output());
            }
            assertEquals(HostApp.EXIT_STATUS, app.exit(), app.output());
            assertFalse(app.output().contains("tcpshake:"), "the agent was not loaded: " + app.output());
        }
    }

    @Test
    void javaagentPlusAttachIsDetected() throws Exception {
        UpListener up = loopback.upListener(LoopbackTargets.V4);
        Path targets = write("targets.yaml", TargetsYaml.of(up.address()).text());
        try (ChildJvm app = ChildJvm.start(java(), List.of(agentOption(targets)))) {
            app.awaitOutput("tcpshake: monitoring 1 targets");
            try (ChildJvm attach = ChildJvm.cli(java(), "attach", String.valueOf(app.pid()), targets.toString())) {
                assertEquals(0, attach.waitFor(), attach.output());
            }
            app.awaitOutput("tcpshake: already running in this JVM (started by -javaagent");
            assertEquals(HostApp.EXIT_STATUS, app.exit(), app.output());
        }
    }

    @Test
    void attachToAMissingProcessSaysSo() throws Exception {
        Path targets = write("targets.yaml", TargetsYaml.of(new InetSocketAddress("127.0.0.1", 1)).text());
        long gone = ProcessHandle.current().pid() + 1_000_000;
        try (ChildJvm attach = ChildJvm.cli(java(), "attach", String.valueOf(gone), targets.toString())) {
            assertEquals(2, attach.waitFor(), attach.output());
            assertTrue(attach.output().contains("no process has pid " + gone), attach.output());
        }
    }

    @Test
    void attachToAJvmThatDisabledAttachingSaysWhy() throws Exception {
        Path targets = write("targets.yaml", TargetsYaml.of(new InetSocketAddress("127.0.0.1", 1)).text());
        try (ChildJvm app = ChildJvm.start(java(), List.of("-XX:+DisableAttachMechanism"))) {
            app.awaitOutput("hostapp: ready");
            try (ChildJvm attach = ChildJvm.cli(java(), "attach", String.valueOf(app.pid()), targets.toString())) {
                assertEquals(2, attach.waitFor(), attach.output());
                assertTrue(attach.output().contains("cannot attach to JVM " + app.pid()), attach.output());
                assertTrue(attach.output().contains("-XX:+DisableAttachMechanism"), attach.output());
            }
            assertFalse(app.output().contains("tcpshake:"), app.output());
            assertEquals(HostApp.EXIT_STATUS, app.exit(), app.output());
        }
    }

    @Test
    void attachWithAnInvalidFileAttachesNothing() throws Exception {
        Path targets = write("targets.yaml", "targets:\n  - {address: \"127.0.0.1:1\", timout: 1s}\n");
        try (ChildJvm app = ChildJvm.start(java(), List.of())) {
            app.awaitOutput("hostapp: ready");
            try (ChildJvm attach = ChildJvm.cli(java(), "attach", String.valueOf(app.pid()), targets.toString())) {
                assertEquals(1, attach.waitFor(), attach.output());
                assertTrue(attach.output().contains("timout"), attach.output());
                assertTrue(attach.output().contains("is not valid; nothing attached"), attach.output());
            }
            assertEquals(HostApp.EXIT_STATUS, app.exit(), app.output());
            assertFalse(app.output().contains("tcpshake:"), app.output());
        }
    }

    @Test
    void attachFromARuntimeWithoutTheAttachModuleSaysToUseAJdk(@TempDir Path runtimes) throws Exception {
        Path jlink = Paths.get(System.getProperty("java.home"), "bin", "jlink");
        Assumptions.assumeTrue(Files.isExecutable(jlink), "no jlink in " + System.getProperty("java.home"));
        Path jre = runtimes.resolve("jre");
        Process link = new ProcessBuilder(jlink.toString(), "--add-modules",
                "java.base,java.logging,java.management,java.instrument,jdk.net,jdk.unsupported",
                "--output", jre.toString()).redirectErrorStream(true).start();
        String linkOutput = new String(link.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, link.waitFor(), linkOutput);
        Path targets = write("targets.yaml", TargetsYaml.of(new InetSocketAddress("127.0.0.1", 1)).text());

        try (ChildJvm attach = ChildJvm.cli(ChildJvm.javaOf(jre.toString()), "attach",
                String.valueOf(ProcessHandle.current().pid()), targets.toString())) {
            assertEquals(2, attach.waitFor(), attach.output());
            assertTrue(attach.output().contains("has no attach API (module jdk.attach): run tcpshake attach with a"
                    + " JDK's java"), attach.output());
        }
    }

    @Test
    void targetsFileCanComeFromTheSystemPropertyWithOptionsInTheArgument() throws Exception {
        UpListener up = loopback.upListener(LoopbackTargets.V4);
        Path targets = write("targets.yaml", TargetsYaml.of(up.address()).text());
        List<String> options = List.of("-Dtcpshake.config=" + targets,
                "-javaagent:" + ChildJvm.agentJar() + "=exporter=true,host=127.0.0.1,port=0");
        try (ChildJvm child = ChildJvm.start(java(), options)) {
            String output = child.awaitOutput("tcpshake: monitoring 1 targets from " + targets);
            String metrics = scrape(metricsUrl(output));
            assertTrue(metrics.contains("target=\"up\""), metrics);
            assertEquals(HostApp.EXIT_STATUS, child.exit(), child.output());
        }
    }

    @Test
    void versionNamesTheVersionEngineAndJava() throws Exception {
        try (ChildJvm version = ChildJvm.cli(java(), "version")) {
            assertEquals(0, version.waitFor(), version.output());
            String output = version.output();
            assertTrue(output.matches("(?s)tcpshake \\d+\\.\\d+\\.\\d+\\S* \\(commit ([0-9a-f]{12}|unknown)\\)\n.*"),
                    output);
            assertTrue(output.contains("engine:  "), output);
            assertTrue(output.contains("discovery: available (/proc/self/fd and netlink sock_diag: a scan took "), output);
            assertTrue(output.contains("java:    " + System.getProperty("java.version")), output);
        }
    }

    /** Starts the child's local JMX agent through the attach API and returns its address. */
    static String localJmxUrl(long pid) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(String.valueOf(pid));
        try {
            return vm.startLocalManagementAgent();
        } finally {
            vm.detach();
        }
    }

    private static String java() {
        return ChildJvm.javaOf(System.getProperty("java.home"));
    }

    private static boolean java25Installed() {
        return Files.isExecutable(Paths.get(ChildJvm.javaOf(JAVA25_HOME)));
    }

    /** JDK 25's java launcher; the test is skipped where that JDK is not installed. */
    static String java25() {
        Assumptions.assumeTrue(java25Installed(), "no JDK 25 at " + JAVA25_HOME);
        return ChildJvm.javaOf(JAVA25_HOME);
    }

    private static String agentOption(Path targets) {
        return "-javaagent:" + ChildJvm.agentJar() + "=" + targets;
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    static String metricsUrl(String output) {
        Matcher matcher = METRICS_URL.matcher(output);
        assertTrue(matcher.find(), "no metrics URL in the start-up line:\n" + output);
        return matcher.group(1).replace("0.0.0.0", "127.0.0.1");
    }

    static String scrape(String url) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
        connection.setConnectTimeout(5000);
        connection.setReadTimeout(5000);
        try (InputStream in = connection.getInputStream()) {
            assertEquals(200, connection.getResponseCode());
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            connection.disconnect();
        }
    }
}
