package io.tcpshake.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tcpshake.agent.hostapp.HostApp;
import io.tcpshake.core.internal.raw.RawEngine;
import io.tcpshake.core.testing.LoopbackTargets;
import io.tcpshake.core.testing.LoopbackTargets.UpListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code engine: raw} in targets.yaml, in an application's JVM: the raw engine checks from the first check and
 * says so on the start-up line and in {@code tcpshake_build_info}; a reload that changes the engine or names
 * none that exists leaves the running one and the application alone; {@code engine: epoll} where epoll cannot
 * load warns and checks with NIO.
 */
class AgentEngineIT {
    @TempDir
    Path dir;
    @AutoClose
    private final LoopbackTargets loopback = new LoopbackTargets();

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tcpshake.agent.AgentIT#javaHomes")
    void engineRawInTheFileChecksWithTheRawEngineAndAReloadKeepsIt(String javaHome) throws Exception {
        assumeTrue(RawEngine.unavailabilityReason() == null, () -> "the raw engine cannot run here, so this test is "
                + "skipped: " + RawEngine.unavailabilityReason());
        UpListener up = loopback.upListener(LoopbackTargets.V4);
        UpListener other = loopback.upListener(LoopbackTargets.V4);
        Path targets = Files.writeString(dir.resolve("targets.yaml"),
                TargetsYaml.of(up.address()).engine("raw").exporterPort(0).text());

        try (ChildJvm child = ChildJvm.start(ChildJvm.javaOf(javaHome),
                List.of("-javaagent:" + ChildJvm.agentJar() + "=" + targets))) {
            String started = child.awaitOutput("tcpshake: monitoring 1 targets");
            assertTrue(started.contains(", engine raw (CAP_NET_RAW"), started);
            child.awaitOutput("target up (" + TargetsYaml.format(up.address()) + ") is UP");
            String metricsUrl = AgentIT.metricsUrl(child.output());
            assertTrue(AgentIT.scrape(metricsUrl).contains("engine=\"raw\""));

            Files.writeString(targets, TargetsYaml.of(up.address()).plus("other", other.address()).engine("epoll")
                    .exporterPort(0).text());
            child.awaitOutput(targets + " changed engine raw to epoll: that takes effect when"
                    + " the JVM starts again (the targets were applied now)");
            child.awaitOutput("target other (" + TargetsYaml.format(other.address()) + ") is UP");

            Files.writeString(targets, TargetsYaml.of(up.address()).engine("rwa").exporterPort(0).text());
            child.awaitOutput(targets + ":1:9: engine 'rwa' is not one of auto, epoll, nio, raw (did you mean 'raw'?)");
            String metrics = AgentIT.scrape(metricsUrl);
            assertTrue(metrics.contains("engine=\"raw\"") && metrics.contains("target=\"other\""), metrics);
            assertTrue(child.output().contains("keeping the last good configuration (2 targets)"), child.output());

            assertEquals(HostApp.EXIT_STATUS, child.exit(), child.output());
            assertTrue(up.acceptedNothing() && other.acceptedNothing());
        }
    }

    /** Epoll asked for where it cannot load (native access denied): a warning that says so, and NIO checks. */
    @Test
    void engineEpollWhereItCannotLoadWarnsAndChecksWithNio() throws Exception {
        String java25 = AgentIT.java25();
        UpListener up = loopback.upListener(LoopbackTargets.V4);
        Path targets = Files.writeString(dir.resolve("targets.yaml"), TargetsYaml.of(up.address()).engine("epoll").text());

        try (ChildJvm child = ChildJvm.start(java25, List.of("--illegal-native-access=deny", "-Dhostapp.jna=false",
                "-javaagent:" + ChildJvm.agentJar() + "=" + targets))) {
            String started = child.awaitOutput("tcpshake: monitoring 1 targets");
            assertTrue(started.contains("tcpshake: " + targets + " asks for engine epoll, which cannot run here ("),
                    started);
            assertTrue(started.contains("): checking with engine nio ("), started);
            child.awaitOutput("target up (" + TargetsYaml.format(up.address()) + ") is UP");
            assertEquals(HostApp.EXIT_STATUS, child.exit(), child.output());
        }
    }
}
