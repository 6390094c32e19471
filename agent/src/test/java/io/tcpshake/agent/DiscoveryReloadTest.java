package io.tcpshake.agent;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tcpshake.core.monitor.Target;
import io.tcpshake.core.monitor.TargetSource;
import io.tcpshake.core.testing.LoopbackTargets;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Discovery through the agent's reload path, in this JVM: a connection this test holds is discovered,
 * discovery.defaults reach the discovered target at a reload, and turning discovery off drops it.
 */
class DiscoveryReloadTest {
    private static final String FILE = "exporter: {enabled: false}\njmx: {enabled: false}\njfr: {enabled: false}\n"
            + "reload: {interval: 0}\ntargets: []\n";

    @TempDir
    Path dir;
    private final StringBuffer console = new StringBuffer();
    private TcpshakeAgent agent;
    private ServerSocket service;
    private Socket connection;

    @AfterEach
    void close() throws Exception {
        if (agent != null) {
            agent.close();
        }
        if (connection != null) {
            connection.close();
        }
        if (service != null) {
            service.close();
        }
    }

    @Test
    void reloadAppliesTheDiscoverySettingsAndTurningItOffDropsWhatItFound() throws Exception {
        assumeTrue(Files.isDirectory(Paths.get("/proc/self/fd")), "needs Linux /proc");
        service = new ServerSocket(0, 50, LoopbackTargets.V4);
        connection = new Socket(LoopbackTargets.V4, service.getLocalPort());
        String address = "127.0.0.1:" + service.getLocalPort();
        Path file = Files.writeString(dir.resolve("targets.yaml"), FILE + "discovery: {interval: 100ms, "
                + "include: [\"" + service.getLocalPort() + "\"], defaults: {interval: 5s}}\n");
        agent = TcpshakeAgent.open(file, Map.of(), Map.of(),
                AgentLog.direct((logger, level, message, thrown) -> console.append(message).append('\n')),
                Duration.ofMillis(100));

        await().atMost(Duration.ofSeconds(10)).until(() -> discovered().size() == 1);
        Target found = discovered().get(0);
        assertEquals(address, found.endpoint().toString());
        assertEquals(Duration.ofSeconds(5), found.interval());
        assertTrue(console.toString().contains("discovery every 100ms"), console.toString());

        Files.writeString(file, FILE + "discovery: {interval: 100ms, include: [\"" + service.getLocalPort()
                + "\"], defaults: {interval: 7s}}\n");
        assertTrue(agent.reload().success());
        assertEquals(Duration.ofSeconds(7), discovered().get(0).interval(), "the reload's settings, at once");

        Files.writeString(file, FILE + "discovery: {enabled: false}\n");
        assertTrue(agent.reload().success());
        assertEquals(List.of(), discovered());
    }

    private List<Target> discovered() {
        return agent.monitor().targets().stream().filter(t -> t.source() == TargetSource.DISCOVERED)
                .collect(Collectors.toList());
    }
}
