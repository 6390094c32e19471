package io.tcpshake.agent;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tcpshake.core.TcpshakeLoggers;
import io.tcpshake.core.config.ReloadStatus;
import io.tcpshake.core.testing.LoopbackTargets;
import io.tcpshake.otlp.OtlpReceiver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's OTLP output in this JVM: a collector that is down is one warning in the agent's log while the
 * checks go on; a changed otlp block on reload applies the targets now, the push goes on as it started, and
 * the log says the new OTLP settings take effect when the JVM starts again (as for every output's settings).
 */
class AgentOtlpTest {
    @TempDir
    Path dir;
    @AutoClose
    private final LoopbackTargets loopback = new LoopbackTargets();
    @AutoClose
    private final OtlpReceiver first = new OtlpReceiver();
    @AutoClose
    private final OtlpReceiver second = new OtlpReceiver();

    AgentOtlpTest() throws Exception {
    }

    @AfterEach
    void unrouteLoggers() {
        TcpshakeLoggers.route(System::getLogger);
    }

    @Test
    void aChangedOtlpBlockIsLoggedAsNeedingARestartAndTheRunningPushGoesOn() throws Exception {
        int port = loopback.upListener(LoopbackTargets.V4).address().getPort();
        Path file = dir.resolve("targets.yaml");
        Files.writeString(file, targets(first, port, "a"));
        List<String> logged = new CopyOnWriteArrayList<>();
        AgentLog log = AgentLog.direct((logger, level, message, thrown) -> logged.add(level + " " + message));
        try (TcpshakeAgent agent = TcpshakeAgent.open(file, Map.of(), Map.of(), log, Duration.ofMillis(100))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !first.requests().isEmpty());

            Files.writeString(file, targets(second, port, "b"));
            ReloadStatus status = agent.reload();

            assertTrue(status.success(), status.toString());
            assertEquals(List.of("b"), agent.monitor().targets().stream().map(t -> t.name()).collect(
                    java.util.stream.Collectors.toList()), "the targets are applied now");
            assertTrue(logged.stream().anyMatch(w -> w.startsWith("WARNING") && w.contains("changed the otlp settings:"
                    + " that takes effect when the JVM starts again")), logged.toString());
            int before = first.requests().size();
            await().atMost(Duration.ofSeconds(10)).until(() -> first.requests().size() > before + 2);
            assertEquals(0, second.requests().size());
        }
    }

    @Test
    void aCollectorThatIsDownIsOneWarningInTheAgentsLogAndTheChecksGoOn() throws Exception {
        int port = loopback.upListener(LoopbackTargets.V4).address().getPort();
        String down = "http://127.0.0.1:" + loopback.refusedAddress(LoopbackTargets.V4).getPort() + "/v1/metrics";
        Path file = Files.writeString(dir.resolve("targets.yaml"), targets(down, port, "a")
                .replace("targets:", "defaults: {interval: 100ms, timeout: 80ms, initial_delay: 0s}\ntargets:"));
        List<String> logged = new CopyOnWriteArrayList<>();
        AgentLog log = AgentLog.direct((logger, level, message, thrown) -> logged.add(level + " " + message));
        TcpshakeLoggers.route(name -> new AgentLogger(name, log)); // as the agent's start does
        try (TcpshakeAgent agent = TcpshakeAgent.open(file, Map.of(), Map.of(), log, Duration.ofMillis(100))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> logged.stream().anyMatch(w -> w.contains("cannot push")));
            long before = agent.monitor().snapshot("a").orElseThrow().checks();
            // Ten checks take 1 s, in which about ten pushes fail.
            await().atMost(Duration.ofSeconds(5)).until(() -> agent.monitor().snapshot("a").orElseThrow().checks()
                    >= before + 10);
        }
        List<String> pushes = logged.stream().filter(w -> w.contains("push")).collect(java.util.stream.Collectors.toList());
        assertEquals(1, pushes.size(), logged.toString());
        assertTrue(pushes.get(0).startsWith("WARNING tcpshake: cannot push metrics to " + down
                + ": java.net.ConnectException"), pushes.get(0));
    }

    private static String targets(OtlpReceiver receiver, int port, String name) {
        return targets(receiver.url(), port, name);
    }

    private static String targets(String endpoint, int port, String name) {
        return "otlp: {endpoint: \"" + endpoint + "\", interval: 100ms}\n"
                + "exporter: {enabled: false}\njmx: {enabled: false}\njfr: {enabled: false}\n"
                + "targets:\n  - {name: " + name + ", address: \"127.0.0.1:" + port + "\"}\n";
    }
}
