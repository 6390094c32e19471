package io.tcpshake.agent;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tcpshake.agent.hostapp.HostApp;
import io.tcpshake.core.testing.LoopbackTargets;
import io.tcpshake.core.testing.LoopbackTargets.UpListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JFR through the agent: the agent registers its events only when the Flight Recorder is initialized (an
 * application that never records does not pay for it), so a recording started later with
 * {@code jcmd JFR.start} must still get them.
 */
class AgentJfrIT {
    @TempDir
    Path dir;
    @AutoClose
    private final LoopbackTargets loopback = new LoopbackTargets();

    @Test
    void aRecordingStartedLaterWithJcmdHasTheChecks() throws Exception {
        UpListener up = loopback.upListener(LoopbackTargets.V4);
        Path targets = Files.writeString(dir.resolve("targets.yaml"), TargetsYaml.of(up.address()).jfr(true).text());
        Path recording = dir.resolve("rec.jfr");
        try (ChildJvm child = ChildJvm.start(ChildJvm.javaOf(System.getProperty("java.home")),
                List.of("-javaagent:" + ChildJvm.agentJar() + "=" + targets))) {
            child.awaitOutput("tcpshake: monitoring 1 targets");
            child.awaitOutput("target up (" + TargetsYaml.format(up.address()) + ") is UP");
            ChildJvm.jdkTool("jcmd", String.valueOf(child.pid()), "JFR.start", "name=tcpshake",
                    "+io.tcpshake.Check#enabled=true");
            await().atMost(ChildJvm.OUTPUT_TIMEOUT).pollInterval(Duration.ofMillis(500))
                    .alias("io.tcpshake.Check events in a dump of the recording")
                    .until(() -> {
                        ChildJvm.jdkTool("jcmd", String.valueOf(child.pid()), "JFR.dump", "name=tcpshake",
                                "filename=" + recording);
                        return checks(recording).size() >= 3;
                    });
            RecordedEvent check = checks(recording).get(0);
            assertEquals("up", check.getString("target"));
            assertEquals("UP", check.getString("outcome"));
            assertEquals(HostApp.EXIT_STATUS, child.exit(), child.output());
        }
    }

    private static List<RecordedEvent> checks(Path recording) throws IOException {
        if (!Files.exists(recording)) {
            return List.of();
        }
        return RecordingFile.readAllEvents(recording).stream()
                .filter(event -> event.getEventType().getName().equals("io.tcpshake.Check"))
                .collect(Collectors.toList());
    }
}
