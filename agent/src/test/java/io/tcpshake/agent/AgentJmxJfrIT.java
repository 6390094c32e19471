package io.tcpshake.agent;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tcpshake.core.testing.LoopbackTargets;
import io.tcpshake.core.testing.LoopbackTargets.UpListener;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an operator does with the agent's JMX and JFR outputs, end to end: a JVM started with the agent and
 * the JDK's own remote JMX agent on a loopback port is read by a plain JMX client (no tcpshake classes), and
 * a flight recording dumped with {@code jcmd JFR.dump} holds tcpshake's events, printed by {@code jfr}.
 */
class AgentJmxJfrIT {
    @TempDir
    Path dir;

    @AutoClose
    private final LoopbackTargets loopback = new LoopbackTargets();

    @Test
    void remoteJmxClientAndJcmdFlightRecordingSeeTheTargets() throws Exception {
        UpListener up = loopback.upListener(LoopbackTargets.V4);
        InetSocketAddress refused = loopback.refusedAddress(LoopbackTargets.V4);
        Path targets = Files.writeString(dir.resolve("targets.yaml"),
                TargetsYaml.of(up.address(), refused).jmx(true).jfr(true).text());
        int jmxPort = freePort();
        List<String> options = List.of(
                "-javaagent:" + ChildJvm.agentJar() + "=" + targets,
                "-Dcom.sun.management.jmxremote.port=" + jmxPort,
                "-Dcom.sun.management.jmxremote.rmi.port=" + jmxPort,
                "-Dcom.sun.management.jmxremote.host=127.0.0.1",
                "-Djava.rmi.server.hostname=127.0.0.1",
                "-Dcom.sun.management.jmxremote.authenticate=false",
                "-Dcom.sun.management.jmxremote.ssl=false",
                "-XX:StartFlightRecording=name=tcpshake");

        try (ChildJvm child = ChildJvm.start(ChildJvm.javaOf(System.getProperty("java.home")), options)) {
            child.awaitOutput("tcpshake: monitoring 2 targets");
            child.awaitOutput("target refused (" + TargetsYaml.format(refused) + ") is DOWN");
            child.awaitOutput("target up (" + TargetsYaml.format(up.address()) + ") is UP");

            JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi");
            try (JMXConnector connector = JMXConnectorFactory.connect(url)) {
                MBeanServerConnection server = connector.getMBeanServerConnection();
                assertEquals(2, server.getAttribute(new ObjectName("io.tcpshake:type=Monitor"), "TargetCount"));
                ObjectName upTarget = new ObjectName("io.tcpshake:type=Target,name=" + ObjectName.quote("up"));
                ObjectName refusedTarget = new ObjectName("io.tcpshake:type=Target,name=" + ObjectName.quote("refused"));
                assertEquals("UP", server.getAttribute(upTarget, "State"));
                assertEquals("DOWN", server.getAttribute(refusedTarget, "State"));
            }

            Path recording = dir.resolve("tcpshake.jfr");
            String[] printed = new String[1];
            await("a dumped recording with tcpshake's state changes and statistics")
                    .atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofSeconds(2))
                    .until(() -> {
                        Files.deleteIfExists(recording);
                        ChildJvm.jdkTool("jcmd", Long.toString(child.pid()), "JFR.dump", "name=tcpshake",
                                "filename=" + recording);
                        printed[0] = ChildJvm.jdkTool("jfr", "print", "--events",
                                "io.tcpshake.StateChange,io.tcpshake.TargetStatistics", recording.toString());
                        return printed[0].contains("io.tcpshake.TargetStatistics");
                    });
            assertTrue(printed[0].contains("io.tcpshake.StateChange"), printed[0]);
            assertTrue(printed[0].contains("\"refused\""), printed[0]);
            assertTrue(printed[0].contains("DOWN"), printed[0]);
            assertTrue(up.acceptedNothing(), "the up listener's application saw a connection");
            assertEquals(io.tcpshake.agent.hostapp.HostApp.EXIT_STATUS, child.exit(), child.output());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
