package io.tcpshake.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tcpshake.agent.config.NamedPipe;
import io.tcpshake.agent.hostapp.HostApp;
import io.tcpshake.core.testing.LoopbackTargets;
import io.tcpshake.core.testing.LoopbackTargets.UpListener;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What is at the targets file's path cannot hurt the host nor stop the agent for good: a file far over the
 * limit in a small heap, a named pipe, a value of megabytes; {@code validate} says the same as the agent.
 */
class TargetsFileIT {
    private static final String NOT_REGULAR = "is a named pipe (FIFO), not a regular file: ";

    @TempDir
    Path dir;
    @AutoClose
    private final LoopbackTargets loopback = new LoopbackTargets();

    /** Once read whole before the limit applied: with this heap the host was killed (exit 3). */
    @Test
    void fileFarOverTheLimitIsNotReadAndTheAgentStartsOnceItShrinks() throws Exception {
        UpListener up = loopback.upListener(LoopbackTargets.V4);
        Path targets = dir.resolve("targets.yaml");
        try (RandomAccessFile sparse = new RandomAccessFile(targets.toFile(), "rw")) {
            sparse.setLength(300L * 1024 * 1024);
        }
        List<String> options = List.of("-Xmx48m", "-XX:+ExitOnOutOfMemoryError", agentOption(targets));
        try (ChildJvm child = ChildJvm.start(java(), options)) {
            child.awaitOutput("hostapp: ready");
            child.awaitOutput(targets + ": is larger than 2 MB (2097152 bytes), the most a targets file may hold: "
                    + targets + ": is it the right file?");

            replace(targets, TargetsYaml.of(up.address()).text());
            child.awaitOutput("tcpshake: monitoring 1 targets from " + targets);
            child.awaitOutput("target up (" + TargetsYaml.format(up.address()) + ") is UP");
            assertEquals(HostApp.EXIT_STATUS, child.exit(), child.output());
        }
    }

    /**
     * The most nodes a file may hold need about 64 MB of heap to read; in 32 MB the read runs out of memory.
     * That is a failed read like any other: the agent once logged "could not start" and never looked again.
     */
    @Test
    void outOfMemoryWhileReadingIsReportedAndTheAgentStartsOnceTheFileIsSmaller() throws Exception {
        UpListener up = loopback.upListener(LoopbackTargets.V4);
        Path targets = Files.writeString(dir.resolve("targets.yaml"),
                "targets: [" + "a,".repeat((2 * 1024 * 1024 - 100) / 2) + "a]\n");
        try (ChildJvm child = ChildJvm.start(java(), List.of("-Xmx32m", agentOption(targets)))) {
            child.awaitOutput("hostapp: ready");
            child.awaitOutput(targets + ": reading it needed more heap than the JVM had free"
                    + " (java.lang.OutOfMemoryError: Java heap space): it is read again when it changes");

            replace(targets, TargetsYaml.of(up.address()).text());
            child.awaitOutput("tcpshake: monitoring 1 targets from " + targets);
            assertEquals(HostApp.EXIT_STATUS, child.exit(), child.output());
        }
    }

    /** Opening a pipe for reading blocks until a writer comes: the start thread once waited there, silent. */
    @Test
    void namedPipeAtStartIsReportedAndTheAgentStartsOnceARegularFileIsThere() throws Exception {
        UpListener up = loopback.upListener(LoopbackTargets.V4);
        Path targets = NamedPipe.create(dir.resolve("targets.yaml"));
        try (ChildJvm child = ChildJvm.start(java(), List.of(agentOption(targets)))) {
            child.awaitOutput("hostapp: ready");
            child.awaitOutput("tcpshake: " + targets + " is not valid, not monitoring yet");
            child.awaitOutput(targets + ": " + NOT_REGULAR + targets + ": tcpshake reads the targets from a regular"
                    + " file only; write them to one and point the agent at it");

            replace(targets, TargetsYaml.of(up.address()).text());
            child.awaitOutput("tcpshake: monitoring 1 targets from " + targets);
            assertEquals(HostApp.EXIT_STATUS, child.exit(), child.output());
        }
    }

    @Test
    void validateOfANamedPipeSaysSo() throws Exception {
        Path targets = NamedPipe.create(dir.resolve("targets.yaml"));
        try (ChildJvm validate = ChildJvm.cli(java(), "validate", targets.toString())) {
            assertEquals(1, validate.waitFor(), validate.output());
            assertTrue(validate.output().startsWith(targets + ": " + NOT_REGULAR + targets), validate.output());
        }
    }

    /**
     * A value as long as the file may be, read in a heap of 32 MB: the YAML reader once allocated 8 GB for it
     * (and 2 GB for a 1 MiB value) and took seconds; now it is an error at its place, in linear time.
     */
    @Test
    void validateOfAValueOfMegabytesInASmallHeapIsAClearError() throws Exception {
        String name = "n".repeat(2 * 1024 * 1024 - 100);
        Path targets = Files.writeString(dir.resolve("targets.yaml"),
                "targets:\n  - {name: " + name + ", address: \"127.0.0.1:1\"}\n");
        try (ChildJvm validate = ChildJvm.command(List.of(java(), "-Xmx32m", "-XX:+ExitOnOutOfMemoryError",
                "-jar", ChildJvm.agentJar().toString(), "validate", targets.toString()))) {
            assertEquals(1, validate.waitFor(), validate.output());
            assertEquals(targets + ":2:12: name is " + name.length() + " characters long: a value may have at most"
                    + " 4096\n", validate.output());
        }
    }

    /** Replaces the path with a regular file at once, as an editor or a ConfigMap update does. */
    private void replace(Path targets, String text) throws Exception {
        Path next = Files.writeString(dir.resolve("next.yaml"), text);
        Files.move(next, targets, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String java() {
        return ChildJvm.javaOf(System.getProperty("java.home"));
    }

    private static String agentOption(Path targets) {
        return "-javaagent:" + ChildJvm.agentJar() + "=" + targets;
    }
}
