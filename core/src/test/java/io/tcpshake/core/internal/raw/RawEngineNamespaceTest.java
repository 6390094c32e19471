package io.tcpshake.core.internal.raw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tcpshake.core.CheckResult;
import io.tcpshake.core.Checker;
import io.tcpshake.core.EngineChoice;
import io.tcpshake.core.internal.epoll.EpollEngine;
import io.tcpshake.core.testing.Commands;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Unreachable targets, in a network namespace of its own (a child JVM under {@code unshare --net}): the raw
 * engine gives what the epoll engine gives, for a destination the kernel has no route to (the errno of the
 * route lookup, at once) and for one whose neighbour never answers (the kernel's ICMP host unreachable,
 * matched to the probe by the TCP header it quotes), on IPv4 and IPv6.
 */
class RawEngineNamespaceTest {
    @Test
    void unreachableTargetsGiveTheEpollEnginesOutcomeAndErrno() throws Exception {
        RawEngineUnderTest.assumeAvailable();
        assumeTrue(EpollEngine.unavailabilityCause() == null, "the epoll engine cannot load here");
        assumeTrue(canCreateNetworkNamespace(), "cannot create a network namespace here (needs root and unshare)");
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        String output = Commands.output("unshare", "--net", java, "-cp", System.getProperty("java.class.path"),
                InNamespace.class.getName());

        assertEquals(String.join("\n",
                "no route 10.78.0.1:80: epoll UNREACHABLE EHOSTUNREACH, raw UNREACHABLE EHOSTUNREACH",
                "no route [fd78::1]:80: epoll UNREACHABLE EHOSTUNREACH, raw UNREACHABLE EHOSTUNREACH",
                "no neighbour 10.77.0.2:80: epoll UNREACHABLE EHOSTUNREACH, raw UNREACHABLE EHOSTUNREACH",
                "no neighbour [fd77::2]:80: epoll UNREACHABLE EHOSTUNREACH, raw UNREACHABLE EHOSTUNREACH"),
                output.lines().filter(line -> line.startsWith("no ")).reduce((a, b) -> a + "\n" + b).orElse(output));
    }

    @Test
    void connectionTrackingKeepsNoMoreEntriesThanForTheEpollEngine() throws Exception {
        RawEngineUnderTest.assumeAvailable();
        assumeTrue(EpollEngine.unavailabilityCause() == null, "the epoll engine cannot load here");
        assumeTrue(canCreateNetworkNamespace(), "cannot create a network namespace here (needs root and unshare)");
        assumeTrue(Commands.succeed("nft", "--version") && Commands.succeed("conntrack", "--version"),
                "nft or conntrack is missing (apt-get install nftables conntrack): the conntrack test is skipped");
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        String output = Commands.output("unshare", "--net", java, "-cp", System.getProperty("java.class.path"),
                Conntrack.class.getName());

        // 1,000 checks, 8 in flight: the epoll engine's 8 pooled sockets keep their ports, so 8 entries;
        // the raw engine gives each address the ports it used last, so as many.
        String counts = output.lines().filter(line -> line.startsWith("conntrack entries")).findFirst().orElse(output);
        assertEquals("conntrack entries after 1000 checks: epoll 8, raw 8", counts);
    }

    static boolean canCreateNetworkNamespace() throws InterruptedException {
        return Commands.succeed("unshare", "--net", "ip", "link", "add", "v0", "type", "veth", "peer", "name", "v1");
    }

    /** Main of the child JVM, in its own network namespace. */
    public static final class InNamespace {
        public static void main(String[] args) throws Exception {
            addUnreachableNetworks();
            List<InetSocketAddress> targets = new ArrayList<>();
            targets.add(new InetSocketAddress("10.78.0.1", 80));
            targets.add(new InetSocketAddress("fd78::1", 80));
            targets.add(new InetSocketAddress("10.77.0.2", 80));
            targets.add(new InetSocketAddress("fd77::2", 80));
            try (Checker epoll = started(EngineChoice.EPOLL); Checker raw = started(EngineChoice.RAW)) {
                System.out.println("raw checker: " + raw.engineInfo());
                for (int i = 0; i < targets.size(); i++) {
                    InetSocketAddress target = targets.get(i);
                    System.out.println((i < 2 ? "no route " : "no neighbour ")
                            + io.tcpshake.core.HostPort.format(target) + ": epoll " + outcome(epoll, target)
                            + ", raw " + outcome(raw, target));
                }
            }
        }

        /**
         * Loopback up, and two kinds of unreachable: 10.77.0.0/24 and fd77::/64 on a link whose far end never
         * answers ARP or neighbour solicitation (the kernel gives up after one probe of 100 ms and sends the
         * sender an ICMP host unreachable, address unreachable for IPv6), 10.78.0.0/16 and fd78::/64 routed
         * to nowhere (the route lookup fails at once).
         */
        static void addUnreachableNetworks() throws IOException, InterruptedException {
            ip("link", "set", "lo", "up");
            ip("link", "add", "v0", "type", "veth", "peer", "name", "v1");
            ip("link", "set", "v0", "up");
            ip("link", "set", "v1", "up");
            ip("addr", "add", "10.77.0.1/24", "dev", "v0");
            ip("-6", "addr", "add", "fd77::1/64", "dev", "v0", "nodad");
            for (String family : new String[] {"ipv4", "ipv6"}) {
                sysctl("net/" + family + "/neigh/v0/mcast_solicit", "1");
                sysctl("net/" + family + "/neigh/v0/retrans_time_ms", "100");
            }
            ip("route", "add", "unreachable", "10.78.0.0/16");
            ip("-6", "route", "add", "unreachable", "fd78::/64");
        }

        static Checker started(EngineChoice engine) {
            Checker checker = Checker.builder().engine(engine).build();
            checker.start();
            return checker;
        }

        private static String outcome(Checker checker, InetSocketAddress target) throws Exception {
            CheckResult result = checker.checkAsync(target, Duration.ofSeconds(10)).get(20, TimeUnit.SECONDS);
            return result.outcome() + " " + result.errnoName();
        }

        private static void sysctl(String key, String value) throws IOException {
            Files.write(Paths.get("/proc/sys", key), value.getBytes(StandardCharsets.US_ASCII));
        }

        static void ip(String... args) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>();
            command.add("ip");
            command.addAll(List.of(args));
            run(command);
        }

        static String run(List<String> command) throws IOException, InterruptedException {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException(command + " failed: " + output);
            }
            return output;
        }
    }

    /** Main of the child JVM for the conntrack count: connection tracking on (an nft rule that uses it). */
    public static final class Conntrack {
        public static void main(String[] args) throws Exception {
            InNamespace.ip("link", "set", "lo", "up");
            InNamespace.run(List.of("nft", "add", "table", "inet", "t"));
            InNamespace.run(List.of("nft", "add", "chain", "inet", "t", "out",
                    "{ type filter hook output priority 0; }"));
            InNamespace.run(List.of("nft", "add", "rule", "inet", "t", "out", "ct", "state", "new", "counter"));
            try (java.net.ServerSocket listener = new java.net.ServerSocket(0, 4096,
                    java.net.InetAddress.getByName("127.0.0.1"))) {
                InetSocketAddress target = new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort());
                int epoll = entriesAfterChecks(EngineChoice.EPOLL, target);
                int raw = entriesAfterChecks(EngineChoice.RAW, target);
                System.out.println("conntrack entries after 1000 checks: epoll " + epoll + ", raw " + raw);
            }
        }

        private static int entriesAfterChecks(EngineChoice engine, InetSocketAddress target) throws Exception {
            InNamespace.run(List.of("conntrack", "-F"));
            try (Checker checker = InNamespace.started(engine)) {
                for (int round = 0; round < 125; round++) {
                    List<java.util.concurrent.CompletableFuture<CheckResult>> inFlight = new ArrayList<>();
                    for (int i = 0; i < 8; i++) {
                        inFlight.add(checker.checkAsync(target, Duration.ofSeconds(5)));
                    }
                    for (java.util.concurrent.CompletableFuture<CheckResult> check : inFlight) {
                        if (!check.get(10, TimeUnit.SECONDS).isUp()) {
                            throw new IllegalStateException(engine + ": " + check.get());
                        }
                    }
                }
            }
            String table = InNamespace.run(List.of("conntrack", "-L"));
            return (int) table.lines().filter(line -> line.contains("dport=" + target.getPort() + " ")).count();
        }
    }
}
