package io.tcpshake.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tcpshake.agent.cli.Cli;
import io.tcpshake.core.HostPort;
import io.tcpshake.core.testing.LoopbackTargets;
import io.tcpshake.core.testing.LoopbackTargets.UpListener;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The command line as the README's first command runs it, {@code java -jar tcpshake.jar check}, on the JDK
 * running the tests and on JDK 25 where it is installed.
 */
class CliJarIT {
    @AutoClose
    private final LoopbackTargets loopback = new LoopbackTargets();

    /**
     * Its output is the summary and nothing else. On JDK 24 and later JNA's {@code System.load} would make the
     * JVM print a native-access warning first; the jar's manifest enables native access for the command line
     * ({@code Enable-Native-Access: ALL-UNNAMED}), so the epoll engine runs and nothing is printed.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tcpshake.agent.AgentIT#javaHomes")
    void checkPrintsItsSummaryAndNothingElse(String javaHome) throws Exception {
        UpListener up = loopback.upListener(LoopbackTargets.V4);
        String address = HostPort.format(up.address());

        try (ChildJvm cli = ChildJvm.cli(ChildJvm.javaOf(javaHome), "check", "-a", address, "-n", "3")) {
            assertEquals(0, cli.waitFor(), cli.output());
            List<String> lines = cli.output().lines().collect(Collectors.toList());
            assertEquals(3, lines.size(), cli.output());
            assertEquals(address + ": 3 checks, 3 up, 0 down", lines.get(0), cli.output());
            assertTrue(lines.get(1).startsWith("  latency ms: min "), cli.output());
            assertTrue(lines.get(2).matches("3 checks in [0-9.]+ ms: [0-9]+ checks/s; engine epoll \\(JNA .*"),
                    cli.output());
        }
        assertTrue(up.acceptedNothing(), "the listener accepted a connection");
    }

    /**
     * Where JNA's native library cannot load (a platform the jar has none for, no native access), {@code check}
     * runs on the NIO engine, which needs no native code.
     */
    @Test
    void checkRunsWithoutNativeCode() throws Exception {
        UpListener up = loopback.upListener(LoopbackTargets.V4);
        String address = HostPort.format(up.address());

        try (ChildJvm cli = ChildJvm.command(List.of(ChildJvm.javaOf(System.getProperty("java.home")),
                "-Djna.noclasspath=true", "-Djna.nosys=true", "-Djna.boot.library.path=/nonexistent", "-jar",
                ChildJvm.agentJar().toString(), "check", "-a", address, "-n", "3"))) {
            assertEquals(0, cli.waitFor(), cli.output());
            assertTrue(cli.output().contains(address + ": 3 checks, 3 up, 0 down"), cli.output());
            assertTrue(cli.output().contains("engine nio"), cli.output());
        }
        assertTrue(up.acceptedNothing(), "the listener accepted a connection");
    }

    /**
     * JNA's native library is kept in the user's cache ({@code $XDG_CACHE_HOME/tcpshake/jna/}) by the first run
     * and loaded from there by the next ones, which no longer copy it out of the jar.
     */
    @Test
    void keepsJnasNativeLibraryInTheUserCacheForTheNextRuns(@TempDir Path cache) throws Exception {
        UpListener up = loopback.upListener(LoopbackTargets.V4);
        String address = HostPort.format(up.address());
        Map<String, String> environment = Map.of("XDG_CACHE_HOME", cache.toString());
        String java = ChildJvm.javaOf(System.getProperty("java.home"));

        try (ChildJvm cli = ChildJvm.cli(environment, java, "check", "-a", address, "-n", "1")) {
            assertEquals(0, cli.waitFor(), cli.output());
            assertTrue(cli.output().contains("engine epoll"), cli.output());
        }
        Path kept;
        try (Stream<Path> files = Files.walk(cache)) {
            kept = files.filter(file -> file.getFileName().toString().equals("libjnidispatch.so")).findFirst()
                    .orElseThrow(() -> new AssertionError("no libjnidispatch.so under " + cache));
        }
        assertTrue(kept.startsWith(cache.resolve("tcpshake").resolve("jna")), kept.toString());
        FileTime written = FileTime.fromMillis(Files.getLastModifiedTime(kept).toMillis() - 60_000);
        Files.setLastModifiedTime(kept, written);

        try (ChildJvm cli = ChildJvm.cli(environment, java, "check", "-a", address, "-n", "1")) {
            assertEquals(0, cli.waitFor(), cli.output());
            assertTrue(cli.output().contains("engine epoll"), cli.output());
        }
        assertEquals(written, Files.getLastModifiedTime(kept), "the second run wrote the library again");
        assertTrue(up.acceptedNothing(), "the listener accepted a connection");
    }

    /**
     * The jar's command line leaves out picocli's converters of types no option has ({@code Cli#main}): its
     * usage errors read as the command line's own in process, and a file argument is still read.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"check -a 127.0.0.1:9 -n x", "check -a 127.0.0.1:9 -t 5x", "check -n 3",
            "attach notapid targets.yaml", "validate"})
    void usageErrorsReadAsInProcess(String commandLine) throws Exception {
        StringWriter err = new StringWriter();
        String[] args = commandLine.split(" ");
        int exitCode = Cli.run(args, new PrintWriter(new StringWriter()), new PrintWriter(err));

        try (ChildJvm cli = ChildJvm.cli(ChildJvm.javaOf(System.getProperty("java.home")), args)) {
            assertEquals(exitCode, cli.waitFor(), cli.output());
            assertEquals(err.toString(), cli.output());
        }
    }

    @Test
    void validateReadsTheFileItIsGiven(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("targets.yaml"), "targets:\n  - address: 127.0.0.1:9\n");

        try (ChildJvm cli = ChildJvm.cli(ChildJvm.javaOf(System.getProperty("java.home")), "validate",
                file.toString())) {
            assertEquals(0, cli.waitFor(), cli.output());
            assertEquals(file + ": OK (1 target)\n", cli.output());
        }
    }
}
