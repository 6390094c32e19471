package io.tcpshake.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tcpshake.core.testing.LoopbackTargets;
import io.tcpshake.core.testing.LoopbackTargets.UpListener;
import io.tcpshake.core.testing.Tcpdump;
import io.tcpshake.core.testing.Tcpdump.Packet;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;

/**
 * What a check puts on the wire and what the checked application sees: the half-open handshake
 * {@code [S] [S.] [R.]} with no ACK from the client, a FIN close when zero linger is off, and a listener
 * that never has a connection to accept.
 */
class CheckerWireTest {
    private static boolean tcpdumpAvailable;

    @AutoClose
    private final LoopbackTargets targets = new LoopbackTargets();
    @AutoClose
    private Checker checker;

    @BeforeAll
    static void probeTcpdump() {
        tcpdumpAvailable = Tcpdump.available();
    }

    @ForEachEngine
    void zeroLingerCheckIsSynSynAckRstWithoutAck(EngineChoice engine) throws Exception {
        assumeTcpdump();
        checker = EngineUnderTest.started(engine);
        UpListener listener = targets.upListener(LoopbackTargets.V4);
        int port = listener.address().getPort();

        List<Packet> packets;
        try (Tcpdump capture = Tcpdump.capture(port)) {
            assertEquals(Outcome.UP, checker.checkAsync(listener.address(), Duration.ofSeconds(1))
                    .get(5, TimeUnit.SECONDS).outcome());
            packets = capture.stop();
        }

        // The raw engine's reset is the kernel's own, for a connection it has no socket for: no ACK flag.
        List<String> expected = engine == EngineChoice.RAW ? List.of("S", "S.", "R") : List.of("S", "S.", "R.");
        assertEquals(expected, flags(packets), "packets on the wire:\n" + lines(packets));
        assertEquals(port, packets.get(1).sourcePort, "the SYN-ACK comes from the listener");
        assertEquals(port, packets.get(2).destinationPort, "the RST comes from the checker");
        assertTrue(listener.acceptedNothing(), "the listener's accept() found a connection");
    }

    @ForEachEngine
    void withoutZeroLingerTheCheckClosesWithFin(EngineChoice engine) throws Exception {
        assumeTrue(engine != EngineChoice.RAW, "the raw engine makes half-open checks only");
        assumeTcpdump();
        checker = EngineUnderTest.started(EngineUnderTest.builder(engine).zeroLinger(false));
        UpListener listener = targets.upListener(LoopbackTargets.V4);
        int port = listener.address().getPort();

        List<Packet> packets;
        try (Tcpdump capture = Tcpdump.capture(port)) {
            assertEquals(Outcome.UP, checker.checkAddr(HostPort.format(listener.address()), Duration.ofSeconds(1))
                    .outcome());
            // The server's kernel acknowledges the FIN; wait for that before stopping the capture.
            org.awaitility.Awaitility.await("the FIN handshake").atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(20)).until(() -> listener.drainAccepted() > 0);
            packets = capture.stop();
        }

        List<Packet> fromClient = packets.stream().filter(p -> p.destinationPort == port).collect(Collectors.toList());
        assertEquals("S", packets.get(0).flags, "packets on the wire:\n" + lines(packets));
        assertEquals("S.", packets.get(1).flags, "packets on the wire:\n" + lines(packets));
        assertTrue(fromClient.stream().anyMatch(p -> p.flags.contains("F")),
                "the client closes with FIN:\n" + lines(packets));
        assertTrue(fromClient.stream().noneMatch(p -> p.flags.contains("R")),
                "the client sends no RST when zero linger is off:\n" + lines(packets));
    }

    @ForEachEngine
    void listenerAcceptsNothingAfterAThousandUpChecks(EngineChoice engine) throws Exception {
        checker = EngineUnderTest.started(engine);
        UpListener listener = targets.upListener(LoopbackTargets.V4);
        Semaphore inFlight = new Semaphore(64);
        int[] up = new int[1];

        for (int i = 0; i < 1000; i++) {
            inFlight.acquire();
            checker.checkAsync(listener.address(), Duration.ofSeconds(2)).whenComplete((result, error) -> {
                if (result != null && result.isUp()) {
                    synchronized (up) {
                        up[0]++;
                    }
                }
                inFlight.release();
            });
        }
        assertTrue(inFlight.tryAcquire(64, 10, TimeUnit.SECONDS), "checks still in flight after 10 s");

        synchronized (up) {
            assertEquals(1000, up[0], "UP results");
        }
        assertEquals(0, listener.drainAccepted(), "connections the listener could accept after 1,000 checks");
    }

    private static void assumeTcpdump() {
        assumeTrue(tcpdumpAvailable, "tcpdump cannot capture on lo here (not installed, or no CAP_NET_RAW): "
                + "the wire tests are skipped");
    }

    private static List<String> flags(List<Packet> packets) {
        return packets.stream().map(p -> p.flags).collect(Collectors.toList());
    }

    private static String lines(List<Packet> packets) {
        return packets.stream().map(p -> p.line).collect(Collectors.joining("\n"));
    }
}
