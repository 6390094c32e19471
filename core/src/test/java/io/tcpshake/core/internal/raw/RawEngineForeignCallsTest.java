package io.tcpshake.core.internal.raw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tcpshake.core.CheckResult;
import io.tcpshake.core.Checker;
import io.tcpshake.core.EngineChoice;
import io.tcpshake.core.HostPort;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The raw engine on Java 22 and later, where it calls libc through the foreign function API: a child JVM on
 * JDK 25 gives the outcome table of the JNA binding (up, refused, timeout, no route, no neighbour, on IPv4
 * and IPv6, with their errno values), and run without {@code --enable-native-access} it adds no warning of
 * its own to the process's output.
 */
class RawEngineForeignCallsTest {
    private static final Path JAVA25_HOME =
            Paths.get(System.getProperty("tcpshake.java25.home", "/usr/lib/jvm/temurin-25-jdk-amd64"));

    @Test
    void onJava25TheForeignCallsGiveTheSameOutcomesAndErrnoValues() throws Exception {
        RawEngineUnderTest.assumeAvailable();
        assumeTrue(RawEngineNamespaceTest.canCreateNetworkNamespace(),
                "cannot create a network namespace here (needs root and unshare)");
        String output = runOnJava25("unshare", "--net", java25(), "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), OutcomeTable.class.getName());

        assertEquals(String.join("\n",
                "engine: raw (CAP_NET_RAW, foreign function API)",
                "listening 127.0.0.1: UP OK",
                "closed 127.0.0.1: REFUSED ECONNREFUSED",
                "listening [::1]: UP OK",
                "closed [::1]: REFUSED ECONNREFUSED",
                "silent 10.77.0.3:80: TIMEOUT ETIMEDOUT",
                "silent [fd77::3]:80: TIMEOUT ETIMEDOUT",
                "no route 10.78.0.1:80: UNREACHABLE EHOSTUNREACH",
                "no route [fd78::1]:80: UNREACHABLE EHOSTUNREACH",
                "no neighbour 10.77.0.2:80: UNREACHABLE EHOSTUNREACH",
                "no neighbour [fd77::2]:80: UNREACHABLE EHOSTUNREACH"),
                output.lines().filter(line -> !line.startsWith("WARNING")).collect(Collectors.joining("\n")));
    }

    @Test
    void withoutEnableNativeAccessTheForeignCallsAddNoWarningOfTheirOwn() throws Exception {
        RawEngineUnderTest.assumeAvailable();
        String output = runOnJava25(java25(), "-cp", System.getProperty("java.class.path"),
                OneCheck.class.getName());

        assertTrue(output.contains("listening 127.0.0.1: UP OK"), output);
        // The JDK warns once per module at its first restricted call, JNA loading its library, and from then
        // on counts native access as enabled for it: the foreign calls are used and warn about nothing.
        assertTrue(output.contains("engine: raw (CAP_NET_RAW, foreign function API)"), output);
        assertFalse(output.contains("java.lang.foreign"), output);
    }

    private static String java25() {
        Path java = JAVA25_HOME.resolve("bin").resolve("java");
        assumeTrue(Files.isExecutable(java), "no JDK 25 at " + JAVA25_HOME + " (-Dit.java25.home=...)");
        return java.toString();
    }

    private static String runOnJava25(String... command) throws Exception {
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "child JVM did not finish");
        assertEquals(0, child.exitValue(), output);
        return output;
    }

    /** Main of the child JVM: one up check on loopback, and the engine's description. */
    public static final class OneCheck {
        public static void main(String[] args) throws Exception {
            try (Checker raw = RawEngineNamespaceTest.InNamespace.started(EngineChoice.RAW);
                    ServerSocket listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
                System.out.println("engine: " + raw.engineInfo().description());
                System.out.println("listening 127.0.0.1: "
                        + outcome(raw, new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort()),
                                Duration.ofSeconds(5)));
            }
        }
    }

    /** Main of the child JVM, in its own network namespace: every outcome the raw engine gives. */
    public static final class OutcomeTable {
        public static void main(String[] args) throws Exception {
            RawEngineNamespaceTest.InNamespace.addUnreachableNetworks();
            try (Checker raw = RawEngineNamespaceTest.InNamespace.started(EngineChoice.RAW)) {
                System.out.println("engine: " + raw.engineInfo().description());
                for (String loopback : new String[] {"127.0.0.1", "::1"}) {
                    InetAddress address = InetAddress.getByName(loopback);
                    int closedPort;
                    try (ServerSocket listener = new ServerSocket(0, 50, address)) {
                        String host = HostPort.format(loopback, listener.getLocalPort());
                        host = host.substring(0, host.lastIndexOf(':'));
                        System.out.println("listening " + host + ": " + outcome(raw,
                                new InetSocketAddress(address, listener.getLocalPort()), Duration.ofSeconds(5)));
                        closedPort = listener.getLocalPort();
                    }
                    String host = HostPort.format(loopback, closedPort);
                    System.out.println("closed " + host.substring(0, host.lastIndexOf(':')) + ": "
                            + outcome(raw, new InetSocketAddress(address, closedPort), Duration.ofSeconds(5)));
                }
                // Timeouts first, on addresses of their own: the neighbour's resolution takes 100 ms, longer
                // than these checks wait, and its ICMP error then comes for a probe that is gone.
                List<String> lines = new ArrayList<>();
                lines.add("silent " + checked(raw, "10.77.0.3", Duration.ofMillis(50)));
                lines.add("silent " + checked(raw, "fd77::3", Duration.ofMillis(50)));
                lines.add("no route " + checked(raw, "10.78.0.1", Duration.ofSeconds(10)));
                lines.add("no route " + checked(raw, "fd78::1", Duration.ofSeconds(10)));
                lines.add("no neighbour " + checked(raw, "10.77.0.2", Duration.ofSeconds(10)));
                lines.add("no neighbour " + checked(raw, "fd77::2", Duration.ofSeconds(10)));
                lines.forEach(System.out::println);
            }
        }

        private static String checked(Checker raw, String ip, Duration timeout) throws Exception {
            InetSocketAddress target = new InetSocketAddress(InetAddress.getByName(ip), 80);
            return HostPort.format(target) + ": " + outcome(raw, target, timeout);
        }
    }

    private static String outcome(Checker checker, InetSocketAddress target, Duration timeout) throws Exception {
        CheckResult result = checker.checkAsync(target, timeout).get(20, TimeUnit.SECONDS);
        return result.outcome() + " " + result.errnoName();
    }
}
