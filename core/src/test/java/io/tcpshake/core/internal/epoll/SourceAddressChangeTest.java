package io.tcpshake.core.internal.epoll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tcpshake.core.CheckResult;
import io.tcpshake.core.Checker;
import io.tcpshake.core.EngineChoice;
import io.tcpshake.core.Outcome;
import io.tcpshake.core.testing.Commands;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Pooled sockets are bound to the source address the kernel chose for their destination. When that
 * address goes away, the next check must still give the target's real outcome, not the local stack's
 * refusal to send from an address it no longer has. Run in a network namespace of its own (root and
 * {@code unshare}), where a route gives the loopback target 127.0.0.2 the source 10.9.9.9, and then the
 * route and the address are removed between two checks.
 */
class SourceAddressChangeTest {
    private static final InetAddress TARGET = address(127, 0, 0, 2);

    @Test
    void aCheckAfterItsSourceAddressWentAwayIsStillUp() throws Exception {
        assumeTrue(EpollEngine.unavailabilityCause() == null, "epoll engine unavailable");
        assumeTrue(canCreateNetworkNamespace(), "cannot create a network namespace here (needs root and unshare)");
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        String output = Commands.output("unshare", "--net", java, "-cp", System.getProperty("java.class.path"),
                InNamespace.class.getName());
        assertEquals("source 10.9.9.9: UP UP UP; after the address went away: UP UP UP", output);
    }

    private static boolean canCreateNetworkNamespace() throws InterruptedException {
        return Commands.succeed("unshare", "--net", "ip", "link", "set", "lo", "up");
    }

    private static InetAddress address(int a, int b, int c, int d) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Main of the child JVM, in its own network namespace. */
    public static final class InNamespace {
        public static void main(String[] args) throws Exception {
            ip("link", "set", "lo", "up");
            ip("addr", "add", "10.9.9.9/32", "dev", "lo");
            ip("route", "replace", "local", "127.0.0.2", "dev", "lo", "src", "10.9.9.9", "table", "local");
            try (ServerSocket listener = new ServerSocket(0, 50, TARGET);
                    Checker checker = Checker.builder().engine(EngineChoice.EPOLL).build()) {
                checker.start();
                InetSocketAddress target = new InetSocketAddress(TARGET, listener.getLocalPort());
                List<String> before = outcomes(checker, target);
                ip("route", "del", "local", "127.0.0.2", "table", "local");
                ip("addr", "del", "10.9.9.9/32", "dev", "lo");
                List<String> after = outcomes(checker, target);
                System.out.println("source 10.9.9.9: " + String.join(" ", before)
                        + "; after the address went away: " + String.join(" ", after));
            }
        }

        private static List<String> outcomes(Checker checker, InetSocketAddress target) throws Exception {
            List<String> outcomes = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                CheckResult result = checker.checkAsync(target, Duration.ofSeconds(5)).get();
                outcomes.add(result.outcome() + (result.outcome() == Outcome.UP ? "" : " (" + result + ")"));
            }
            return outcomes;
        }

        private static void ip(String... arguments) throws Exception {
            List<String> command = new ArrayList<>(List.of("ip"));
            command.addAll(List.of(arguments));
            Process ip = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(ip.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!ip.waitFor(10, TimeUnit.SECONDS) || ip.exitValue() != 0) {
                throw new IllegalStateException(command + " failed: " + output);
            }
        }
    }
}
