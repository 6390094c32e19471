package io.tcpshake.agent;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tcpshake.agent.config.NamedPipe;
import io.tcpshake.core.EngineKind;
import io.tcpshake.core.config.ReloadStatus;
import io.tcpshake.core.monitor.Monitor;
import io.tcpshake.core.monitor.Target;
import io.tcpshake.core.monitor.TargetSnapshot;
import io.tcpshake.core.monitor.TargetState;
import io.tcpshake.core.testing.LoopbackTargets;
import io.tcpshake.core.testing.LoopbackTargets.UpListener;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's load, reload and watch behaviour, in this JVM (no MBeans, no JFR, no exporter). */
class TcpshakeAgentTest {
    private static final String INVALID = "targets:\n  - {address: \"127.0.0.1:1\", timout: 1s}\n";

    @TempDir
    Path dir;
    private final LoopbackTargets loopback = new LoopbackTargets();
    private final StringBuffer console = new StringBuffer();
    private TcpshakeAgent agent;

    @AfterEach
    void close() throws Exception {
        if (agent != null) {
            agent.close();
        }
        loopback.close();
    }

    @Test
    void validFileStartsMonitoringItsTargets() throws Exception {
        UpListener up = loopback.upListener(LoopbackTargets.V4);
        Path file = Files.writeString(dir.resolve("targets.yaml"), TargetsYaml.of(up.address()).text());

        agent = open(file);

        assertTrue(agent.lastReload().success(), agent.lastReload().toString());
        assertEquals(List.of("up"), names(agent.monitor()));
        assertTrue(console().contains("tcpshake: monitoring 1 targets from " + file), console());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> agent.monitor().snapshot("up").get().state() == TargetState.UP);
    }

    @Test
    void invalidEditIsRejectedWithItsErrorsAndTheLastGoodTargetsRunOn() throws Exception {
        UpListener up = loopback.upListener(LoopbackTargets.V4);
        Path file = Files.writeString(dir.resolve("targets.yaml"), TargetsYaml.of(up.address()).text());
        agent = open(file);
        Monitor monitor = agent.monitor();

        Files.writeString(file, INVALID);
        ReloadStatus status = agent.reload();

        assertFalse(status.success());
        assertTrue(status.errors().stream().anyMatch(e -> e.startsWith(file + ":2:") && e.contains("timout")),
                status.errors().toString());
        assertSame(status, agent.lastReload());
        assertSame(monitor, agent.monitor());
        assertEquals(List.of("up"), names(agent.monitor()));
    }

    @Test
    void validEditReplacesTheTargetsInTheRunningMonitor() throws Exception {
        UpListener up = loopback.upListener(LoopbackTargets.V4);
        UpListener other = loopback.upListener(LoopbackTargets.V4);
        Path file = Files.writeString(dir.resolve("targets.yaml"), TargetsYaml.of(up.address()).text());
        agent = open(file);
        Monitor monitor = agent.monitor();

        Files.writeString(file, TargetsYaml.of(other.address()).plus("other", up.address()).text());
        ReloadStatus status = agent.reload();

        assertTrue(status.success(), status.toString());
        assertSame(monitor, agent.monitor(), "a reload keeps the monitor and its checking loop");
        assertEquals(List.of("up", "other"), names(monitor));
        assertEquals(other.address().getPort(), monitor.targets().get(0).endpoint().port());
    }

    @Test
    void changedFileIsReloadedByTheWatch() throws Exception {
        UpListener up = loopback.upListener(LoopbackTargets.V4);
        UpListener other = loopback.upListener(LoopbackTargets.V4);
        Path file = Files.writeString(dir.resolve("targets.yaml"), TargetsYaml.of(up.address()).text());
        agent = open(file);

        Files.writeString(file, TargetsYaml.of(up.address()).plus("other", other.address()).text());

        await().atMost(Duration.ofSeconds(10)).until(() -> names(agent.monitor()).equals(List.of("up", "other")));
    }

    /**
     * A named pipe put where the file was is refused without being opened (opening it would block until some
     * writer came): the last good targets and their checks run on, no thread of the agent is stuck in the
     * file, and a regular file put back is read again.
     */
    @Test
    void aNamedPipeSwappedInIsRefusedAndTheChecksRunOn() throws Exception {
        UpListener up = loopback.upListener(LoopbackTargets.V4);
        UpListener other = loopback.upListener(LoopbackTargets.V4);
        Path file = Files.writeString(dir.resolve("targets.yaml"), TargetsYaml.of(up.address()).text());
        agent = open(file);
        Path pipe = NamedPipe.create(dir.resolve("pipe"));

        Files.move(pipe, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        await().atMost(Duration.ofSeconds(10)).until(() -> !agent.lastReload().success());
        assertEquals(List.of(file + ": is a named pipe (FIFO), not a regular file: " + file.toAbsolutePath()
                + ": tcpshake reads the targets from a regular file only; write them to one and point the agent at"
                + " it"), agent.lastReload().errors());
        long before = checks(agent.monitor());
        await().atMost(Duration.ofSeconds(10)).alias("checks go on")
                .until(() -> checks(agent.monitor()) >= before + 3);
        assertEquals(List.of("up"), names(agent.monitor()), "the last good targets run on");

        // The watch is not stuck in the pipe: it sees the next change.
        Path regular = Files.writeString(dir.resolve("regular.yaml"),
                TargetsYaml.of(up.address()).plus("other", other.address()).text());
        Files.move(regular, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        await().atMost(Duration.ofSeconds(10)).until(() -> names(agent.monitor()).equals(List.of("up", "other")));
    }

    @Test
    void missingFileIsReportedAndMonitoringStartsOnceItAppears() throws Exception {
        UpListener up = loopback.upListener(LoopbackTargets.V4);
        Path file = dir.resolve("later.yaml");

        agent = open(file);

        assertNull(agent.monitor());
        assertFalse(agent.lastReload().success());
        assertTrue(console().contains(file + " is not valid, not monitoring yet"), console());
        assertTrue(console().contains("file not found"), console());

        Files.writeString(file, TargetsYaml.of(up.address()).text());
        await().atMost(Duration.ofSeconds(10)).until(() -> agent.monitor() != null);
        assertTrue(agent.lastReload().success());
    }

    @Test
    void agentOptionsOverrideTheFile() throws Exception {
        UpListener up = loopback.upListener(LoopbackTargets.V4);
        Path file = Files.writeString(dir.resolve("targets.yaml"), TargetsYaml.of(up.address()).text());

        agent = TcpshakeAgent.open(file, Map.of("defaults.interval", "300ms"), Map.of(), log(),
                Duration.ofMillis(100));

        assertEquals(Duration.ofMillis(300), agent.monitor().targets().get(0).interval());
    }

    @Test
    void engineInTheFileIsTheMonitorsEngineFromTheFirstCheck() throws Exception {
        UpListener up = loopback.upListener(LoopbackTargets.V4);
        Path file = Files.writeString(dir.resolve("targets.yaml"), TargetsYaml.of(up.address()).engine("nio").text());

        agent = open(file);

        assertEquals(EngineKind.NIO, agent.monitor().engineInfo().kind());
        assertTrue(console().contains("tcpshake: monitoring 1 targets from " + file), console());
        assertTrue(console().contains(", engine nio ("), console());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> agent.monitor().snapshot("up").get().state() == TargetState.UP);
        assertTrue(up.acceptedNothing());
    }

    /** The checker is built again for the file fixed after start; the watch, timed on the first one, goes on. */
    @Test
    void engineOfAFileFixedAfterStartIsUsedAndTheWatchGoesOn() throws Exception {
        UpListener up = loopback.upListener(LoopbackTargets.V4);
        UpListener other = loopback.upListener(LoopbackTargets.V4);
        Path file = Files.writeString(dir.resolve("targets.yaml"), INVALID);
        agent = open(file);
        assertNull(agent.monitor());

        Files.writeString(file, TargetsYaml.of(up.address()).engine("nio").text());
        await().atMost(Duration.ofSeconds(10)).until(() -> agent.monitor() != null);
        assertEquals(EngineKind.NIO, agent.monitor().engineInfo().kind());

        Files.writeString(file, TargetsYaml.of(up.address()).plus("other", other.address()).engine("nio").text());
        await().atMost(Duration.ofSeconds(10)).until(() -> names(agent.monitor()).equals(List.of("up", "other")));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> agent.monitor().snapshot("other").get().state() == TargetState.UP);
    }

    /**
     * A reload from outside the watch (the MBean's operation, SIGHUP) that builds the checker again: the watch's
     * next poll, timed on the checker built at start, moves over, so the file is still watched.
     */
    @Test
    void engineOfAFileFixedAndReloadedFromOutsideTheWatchKeepsTheWatchGoing() throws Exception {
        UpListener up = loopback.upListener(LoopbackTargets.V4);
        UpListener other = loopback.upListener(LoopbackTargets.V4);
        Path file = Files.writeString(dir.resolve("targets.yaml"), INVALID);
        // Polled every 3 s until valid: the reload below comes before the pending poll.
        agent = TcpshakeAgent.open(file, Map.of(), Map.of(), log(), Duration.ofSeconds(3));

        Files.writeString(file, TargetsYaml.of(up.address()).engine("nio").text());
        assertTrue(agent.reload().success());
        assertEquals(EngineKind.NIO, agent.monitor().engineInfo().kind());

        Files.writeString(file, TargetsYaml.of(up.address()).plus("other", other.address()).engine("nio").text());
        await().atMost(Duration.ofSeconds(15)).until(() -> names(agent.monitor()).equals(List.of("up", "other")));
    }

    @Test
    void engineChangedOnReloadTakesEffectAtRestartWhileTheTargetsApplyNow() throws Exception {
        UpListener up = loopback.upListener(LoopbackTargets.V4);
        UpListener other = loopback.upListener(LoopbackTargets.V4);
        Path file = Files.writeString(dir.resolve("targets.yaml"), TargetsYaml.of(up.address()).engine("nio").text());
        agent = open(file);
        Monitor monitor = agent.monitor();

        Files.writeString(file, TargetsYaml.of(up.address()).plus("other", other.address()).engine("auto").text());
        ReloadStatus status = agent.reload();

        assertTrue(status.success(), status.toString());
        assertSame(monitor, agent.monitor());
        assertEquals(List.of("up", "other"), names(monitor));
        assertEquals(EngineKind.NIO, monitor.engineInfo().kind(), "the engine started with runs on");
        assertTrue(console().contains("tcpshake: " + file + " changed engine nio to auto: that takes effect when the"
                + " JVM starts again (the targets were applied now)"), console());
    }

    @Test
    void unknownEngineOnReloadIsRejectedNamingTheLineAndTheEngines() throws Exception {
        UpListener up = loopback.upListener(LoopbackTargets.V4);
        Path file = Files.writeString(dir.resolve("targets.yaml"), TargetsYaml.of(up.address()).engine("nio").text());
        agent = open(file);
        Monitor monitor = agent.monitor();

        Files.writeString(file, TargetsYaml.of(up.address()).engine("rwa").text());
        ReloadStatus status = agent.reload();

        assertFalse(status.success());
        assertEquals(List.of(file + ":1:9: engine 'rwa' is not one of auto, epoll, nio, raw (did you mean 'raw'?)"),
                status.errors());
        assertTrue(console().contains(file + " is not valid, keeping the last good configuration (1 targets)"),
                console());
        assertSame(monitor, agent.monitor());
        assertEquals(EngineKind.NIO, monitor.engineInfo().kind());
    }

    private TcpshakeAgent open(Path file) {
        return TcpshakeAgent.open(file, Map.of(), Map.of(), log(), Duration.ofMillis(100));
    }

    private AgentLog log() {
        return AgentLog.direct((logger, level, message, thrown) -> console.append(message).append('\n'));
    }

    private String console() {
        return console.toString();
    }

    private static long checks(Monitor monitor) {
        return monitor.snapshot().targets().stream().mapToLong(TargetSnapshot::checks).sum();
    }

    private static List<String> names(Monitor monitor) {
        return monitor.targets().stream().map(Target::name).collect(Collectors.toList());
    }
}
