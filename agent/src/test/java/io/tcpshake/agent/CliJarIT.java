package io.tcpshake.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tcpshake.core.HostPort;
import io.tcpshake.core.testing.LoopbackTargets;
import io.tcpshake.core.testing.LoopbackTargets.UpListener;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

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
}
