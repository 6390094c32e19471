package io.tcpshake.core.internal.raw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tcpshake.core.CheckResult;
import io.tcpshake.core.Checker;
import io.tcpshake.core.EngineChoice;
import io.tcpshake.core.HostPort;
import io.tcpshake.core.testing.Commands;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The raw engine on Java 22 and later, where its calls per check go through the foreign function API: in a
 * child JVM on JDK 25, it gives the outcome table of the epoll engine beside it (up, refused, timeout, no
 * route, no neighbour, on IPv4 and IPv6, with their errno values), and run without
 * {@code --enable-native-access} the calls add no warning of their own to the process's output.
 */
class ForeignCallsOutcomeTest {
    private static final String JNA = com.sun.jna.Native.VERSION;
    private static final Path JAVA25_HOME =
            Paths.get(System.getProperty("tcpshake.java25.home", "/usr/lib/jvm/temurin-25-jdk-amd64"));

    @Test
    void onJava25TheForeignCallsGiveTheEpollEnginesOutcomesAndErrnoValues() throws Exception {
        RawEngineUnderTest.assumeAvailable();
        assumeTrue(RawEngineNamespaceTest.canCreateNetworkNamespace(),
                "cannot create a network namespace here (needs root and unshare)");
        String output = Commands.output("unshare", "--net", java25(), "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), OutcomeTable.class.getName());

        assertEquals(String.join("\n",
                "engines: epoll (JNA " + JNA + ", socket reuse); raw (CAP_NET_RAW, JNA " + JNA + " and the foreign function API)",
                "listening 127.0.0.1: epoll UP OK, raw UP OK",
                "closed 127.0.0.1: epoll REFUSED ECONNREFUSED, raw REFUSED ECONNREFUSED",
                "listening [::1]: epoll UP OK, raw UP OK",
                "closed [::1]: epoll REFUSED ECONNREFUSED, raw REFUSED ECONNREFUSED",
                "silent 10.77.0.5:80: epoll TIMEOUT ETIMEDOUT, raw TIMEOUT ETIMEDOUT",
                "silent [fd77::5]:80: epoll TIMEOUT ETIMEDOUT, raw TIMEOUT ETIMEDOUT",
                "silent 10.77.0.6:80: epoll TIMEOUT ETIMEDOUT, raw TIMEOUT ETIMEDOUT",
                "prohibited since 10.77.0.6:80: epoll ERROR EACCES, raw ERROR EACCES",
                "no route 10.78.0.1:80: epoll UNREACHABLE EHOSTUNREACH, raw UNREACHABLE EHOSTUNREACH",
                "no route [fd78::1]:80: epoll UNREACHABLE EHOSTUNREACH, raw UNREACHABLE EHOSTUNREACH",
                "no neighbour 10.77.0.2:80: epoll UNREACHABLE EHOSTUNREACH, raw UNREACHABLE EHOSTUNREACH",
                "no neighbour [fd77::2]:80: epoll UNREACHABLE EHOSTUNREACH, raw UNREACHABLE EHOSTUNREACH"),
                output.lines().filter(line -> !line.startsWith("WARNING")).collect(Collectors.joining("\n")));
    }

    @Test
    void withoutEnableNativeAccessTheForeignCallsAddNoWarningOfTheirOwn() throws Exception {
        RawEngineUnderTest.assumeAvailable();
        String output = Commands.output(java25(), "-cp", System.getProperty("java.class.path"),
                OneCheck.class.getName());

        assertTrue(output.contains("listening 127.0.0.1: UP OK"), output);
        // The JDK warns once per module at its first restricted call, JNA loading its library, and from then
        // on counts native access as enabled for it: the foreign calls are used and warn about nothing.
        assertTrue(output.contains("engine: raw (CAP_NET_RAW, JNA " + JNA + " and the foreign function API)"), output);
        assertFalse(output.contains("java.lang.foreign"), output);
    }

    private static String java25() {
        Path java = JAVA25_HOME.resolve("bin").resolve("java");
        assumeTrue(Files.isExecutable(java), "no JDK 25 at " + JAVA25_HOME + " (-Dit.java25.home=...)");
        return java.toString();
    }

    /** Main of the child JVM: one up check on loopback, and the engine's description. */
    public static final class OneCheck {
        public static void main(String[] args) throws Exception {
            try (Checker raw = RawEngineNamespaceTest.InNamespace.started(EngineChoice.RAW);
                    ServerSocket listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
                System.out.println("engine: " + raw.engineInfo().description());
                System.out.println("listening 127.0.0.1: "
                        + outcome(raw.checkAsync(new InetSocketAddress(listener.getInetAddress(),
                                listener.getLocalPort()), Duration.ofSeconds(5))));
            }
        }
    }

    /** Main of the child JVM, in its own network namespace: every outcome, from both native engines. */
    public static final class OutcomeTable {
        public static void main(String[] args) throws Exception {
            RawEngineNamespaceTest.InNamespace.addUnreachableNetworks();
            try (Checker epoll = RawEngineNamespaceTest.InNamespace.started(EngineChoice.EPOLL);
                    Checker raw = RawEngineNamespaceTest.InNamespace.started(EngineChoice.RAW)) {
                System.out.println("engines: " + epoll.engineInfo().description() + "; "
                        + raw.engineInfo().description());
                for (String loopback : new String[] {"127.0.0.1", "::1"}) {
                    InetAddress address = InetAddress.getByName(loopback);
                    String host = HostPort.format(loopback, 1);
                    host = host.substring(0, host.lastIndexOf(':'));
                    InetSocketAddress closed;
                    try (ServerSocket listener = new ServerSocket(0, 50, address)) {
                        closed = new InetSocketAddress(address, listener.getLocalPort());
                        System.out.println("listening " + host + ": "
                                + both(epoll, raw, closed, Duration.ofSeconds(5)));
                    }
                    System.out.println("closed " + host + ": " + both(epoll, raw, closed, Duration.ofSeconds(5)));
                }
                // A silent host: a neighbour entry that never expires for an address nobody has, so the SYN
                // goes out on the link and no answer, not even an ICMP error, ever comes back.
                for (String silent : new String[] {"10.77.0.5", "10.77.0.6"}) {
                    RawEngineNamespaceTest.InNamespace.ip("neigh", "add", silent, "lladdr", "02:00:00:00:00:05",
                            "dev", "v0", "nud", "permanent");
                }
                RawEngineNamespaceTest.InNamespace.ip("-6", "neigh", "add", "fd77::5", "lladdr", "02:00:00:00:00:05",
                        "dev", "v0", "nud", "permanent");
                List<String> lines = new ArrayList<>();
                lines.add("silent " + checked(epoll, raw, "10.77.0.5", Duration.ofMillis(200)));
                lines.add("silent " + checked(epoll, raw, "fd77::5", Duration.ofMillis(200)));
                // A route that turns to "prohibit" after the raw engine learned it (it keeps a route for 5 s):
                // its send fails with the errno that the epoll engine's connect gets.
                lines.add("silent " + checked(epoll, raw, "10.77.0.6", Duration.ofMillis(200)));
                RawEngineNamespaceTest.InNamespace.ip("route", "add", "prohibit", "10.77.0.6/32");
                lines.add("prohibited since " + checked(epoll, raw, "10.77.0.6", Duration.ofMillis(200)));
                lines.add("no route " + checked(epoll, raw, "10.78.0.1", Duration.ofSeconds(10)));
                lines.add("no route " + checked(epoll, raw, "fd78::1", Duration.ofSeconds(10)));
                lines.add("no neighbour " + checked(epoll, raw, "10.77.0.2", Duration.ofSeconds(10)));
                lines.add("no neighbour " + checked(epoll, raw, "fd77::2", Duration.ofSeconds(10)));
                lines.forEach(System.out::println);
            }
        }

        private static String checked(Checker epoll, Checker raw, String ip, Duration timeout) throws Exception {
            InetSocketAddress target = new InetSocketAddress(InetAddress.getByName(ip), 80);
            return HostPort.format(target) + ": " + both(epoll, raw, target, timeout);
        }

        /** Both engines' checks of {@code target}, started together. */
        private static String both(Checker epoll, Checker raw, InetSocketAddress target, Duration timeout)
                throws Exception {
            CompletableFuture<CheckResult> byEpoll = epoll.checkAsync(target, timeout);
            CompletableFuture<CheckResult> byRaw = raw.checkAsync(target, timeout);
            return "epoll " + outcome(byEpoll) + ", raw " + outcome(byRaw);
        }
    }

    private static String outcome(CompletableFuture<CheckResult> check) throws Exception {
        CheckResult result = check.get(20, TimeUnit.SECONDS);
        return result.outcome() + " " + result.errnoName();
    }
}
