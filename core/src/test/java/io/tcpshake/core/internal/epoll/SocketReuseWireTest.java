package io.tcpshake.core.internal.epoll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tcpshake.core.Checker;
import io.tcpshake.core.EngineChoice;
import io.tcpshake.core.Outcome;
import io.tcpshake.core.testing.LoopbackTargets;
import io.tcpshake.core.testing.Tcpdump;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the pooled sockets of the epoll engine put on the wire, captured with tcpdump on lo. */
class SocketReuseWireTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @BeforeAll
    static void needsEpollAndTcpdump() {
        assumeTrue(EpollEngine.unavailabilityCause() == null, "epoll engine unavailable");
        assumeTrue(Tcpdump.available(), "tcpdump cannot capture on lo here");
    }

    /**
     * The delayed final ACK of a pooled socket comes from TCP_DEFER_ACCEPT, set once when the socket is made:
     * this shows that it holds through every disconnect, on both address families.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void thousandChecksThroughFourPooledSocketsAreEachSynSynAckRstAndNeverAnAck(String ip) throws Exception {
        try (LoopbackTargets targets = new LoopbackTargets();
                Checker checker = Checker.builder().engine(EngineChoice.EPOLL).callbacksOnLoopThread().build()) {
            LoopbackTargets.UpListener listener = targets.upListener(InetAddress.getByName(ip));
            InetSocketAddress address = listener.address();
            int port = address.getPort();
            checker.start();
            Set<String> socketsBefore = socketInodes();
            List<Tcpdump.Packet> packets;
            Set<String> poolAfterFirstHalf;
            Set<String> poolAfterSecondHalf;
            try (Tcpdump capture = Tcpdump.capture(port)) {
                InFlightRun first = InFlightRun.run(checker, 500, 4, i -> address, i -> TIMEOUT, Duration.ofSeconds(60));
                poolAfterFirstHalf = newSockets(socketsBefore);
                InFlightRun second = InFlightRun.run(checker, 500, 4, i -> address, i -> TIMEOUT, Duration.ofSeconds(60));
                poolAfterSecondHalf = newSockets(socketsBefore);
                assertEquals(List.of(), first.mismatches(i -> Outcome.UP));
                assertEquals(List.of(), second.mismatches(i -> Outcome.UP));
                packets = capture.stop();
            }

            List<String> conversations = conversations(packets, port);
            assertEquals(1000, conversations.size(), "one handshake per check; " + packets.size() + " packets: "
                    + head(conversations));
            List<String> wrong = new ArrayList<>();
            for (String conversation : conversations) {
                if (!conversation.endsWith("client S, server S., client R.")) {
                    wrong.add(conversation);
                }
            }
            assertEquals(List.of(), wrong, "every check is exactly [S] [S.] [R.], no ACK from the client");
            assertTrue(listener.acceptedNothing(), "the listener's accept() found a connection");

            // Reuse: the same four sockets (inodes) served both halves; none were created per check.
            assertEquals(4, poolAfterFirstHalf.size(), "pooled sockets after 500 checks: " + poolAfterFirstHalf);
            assertEquals(poolAfterFirstHalf, poolAfterSecondHalf, "the second 500 checks used the same sockets");
            // Each pooled socket is bound to its source address and a port of its own for good: the kernel
            // searches no ephemeral port per check, and 1,000 checks come from four ports.
            Set<Integer> clientPorts = clientPorts(packets, port);
            assertEquals(4, clientPorts.size(), "client ports, the first of them: "
                    + clientPorts.stream().limit(8).collect(Collectors.toList()));
        }
    }

    /**
     * A pooled socket holds its port between checks. A target on that same port and address would be the
     * socket itself, and a connect to itself completes (TCP simultaneous open): the engine must not read
     * that as UP. Nothing listens on the port, so the answer is REFUSED.
     */
    @Test
    void targetOnAPooledSocketsOwnPortIsRefusedNotAnsweredBySelfConnect() throws Exception {
        try (LoopbackTargets targets = new LoopbackTargets();
                Checker checker = Checker.builder().engine(EngineChoice.EPOLL).build()) {
            LoopbackTargets.UpListener listener = targets.upListener(LoopbackTargets.V4);
            int port = listener.address().getPort();
            checker.start();
            List<Tcpdump.Packet> packets;
            try (Tcpdump capture = Tcpdump.capture(port)) {
                assertEquals(Outcome.UP, checker.checkAsync(listener.address(), TIMEOUT).get().outcome());
                packets = capture.stop();
            }
            Set<Integer> ports = clientPorts(packets, port);
            assertEquals(1, ports.size(), "the pooled socket's port: " + ports);
            InetSocketAddress ownPort = new InetSocketAddress(LoopbackTargets.V4, ports.iterator().next());

            // One check in flight: the pool lends its most recent socket, the one that holds that port.
            for (int i = 0; i < 3; i++) {
                assertEquals(Outcome.REFUSED, checker.checkAsync(ownPort, TIMEOUT).get().outcome(),
                        "check of " + ownPort + ", the pooled socket's own address and port");
                assertEquals(Outcome.UP, checker.checkAsync(listener.address(), TIMEOUT).get().outcome());
            }
        }
    }

    @Test
    void finCheckKeepsASocketPerCheckAndClosesWithFin() throws Exception {
        try (LoopbackTargets targets = new LoopbackTargets();
                Checker checker = Checker.builder().engine(EngineChoice.EPOLL).zeroLinger(false).build()) {
            LoopbackTargets.UpListener listener = targets.upListener(LoopbackTargets.V4);
            int port = listener.address().getPort();
            checker.start();
            List<Tcpdump.Packet> packets;
            try (Tcpdump capture = Tcpdump.capture(port)) {
                for (int i = 0; i < 3; i++) {
                    assertEquals(Outcome.UP, checker.checkAsync(listener.address(), TIMEOUT).get().outcome());
                }
                packets = capture.stop();
            }
            List<String> conversations = conversations(packets, port);
            assertEquals(3, conversations.size(), head(conversations));
            for (String conversation : conversations) {
                assertTrue(conversation.startsWith("client S, server S., client ., client F."),
                        "FIN check on the wire: " + conversation);
            }
            assertEquals(3, listener.drainAccepted(), "a FIN check is a real connection the listener can accept");
        }
    }

    /**
     * The packets of each connection (split at every SYN from the client, so a reused ephemeral port
     * starts a new one), as "client S, server S., client R.".
     */
    static List<String> conversations(List<Tcpdump.Packet> packets, int listenerPort) {
        Map<Integer, List<StringBuilder>> byClientPort = new LinkedHashMap<>();
        List<String> order = new ArrayList<>();
        List<StringBuilder> all = new ArrayList<>();
        for (Tcpdump.Packet packet : packets) {
            boolean fromClient = packet.destinationPort == listenerPort;
            int clientPort = fromClient ? packet.sourcePort : packet.destinationPort;
            List<StringBuilder> ofPort = byClientPort.computeIfAbsent(clientPort, p -> new ArrayList<>());
            if (fromClient && packet.flags.equals("S") || ofPort.isEmpty()) {
                StringBuilder conversation = new StringBuilder();
                ofPort.add(conversation);
                all.add(conversation);
            }
            StringBuilder current = ofPort.get(ofPort.size() - 1);
            if (current.length() > 0) {
                current.append(", ");
            }
            current.append(fromClient ? "client " : "server ").append(packet.flags);
        }
        for (StringBuilder conversation : all) {
            order.add(conversation.toString());
        }
        return order;
    }

    /** The ports the client sent from. */
    private static Set<Integer> clientPorts(List<Tcpdump.Packet> packets, int listenerPort) {
        Set<Integer> ports = new TreeSet<>();
        for (Tcpdump.Packet packet : packets) {
            if (packet.destinationPort == listenerPort) {
                ports.add(packet.sourcePort);
            }
        }
        return ports;
    }

    private static String head(List<String> conversations) {
        return conversations.subList(0, Math.min(5, conversations.size())).toString();
    }

    /** Inodes of this process's sockets ("socket:[123]"), from /proc/self/fd. */
    static Set<String> socketInodes() throws IOException {
        Set<String> inodes = new TreeSet<>();
        File[] fds = new File("/proc/self/fd").listFiles();
        if (fds == null) {
            return inodes;
        }
        for (File fd : fds) {
            try {
                String target = Files.readSymbolicLink(Path.of(fd.getPath())).toString();
                if (target.startsWith("socket:")) {
                    inodes.add(target);
                }
            } catch (IOException e) {
                // closed meanwhile
            }
        }
        return inodes;
    }

    private static Set<String> newSockets(Set<String> before) throws IOException {
        Set<String> now = socketInodes();
        now.removeAll(before);
        return now;
    }
}
