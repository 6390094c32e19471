package io.tcpshake.core.internal.raw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tcpshake.core.CheckResult;
import io.tcpshake.core.Checker;
import io.tcpshake.core.Outcome;
import io.tcpshake.core.testing.LoopbackTargets;
import io.tcpshake.core.testing.LoopbackTargets.UpListener;
import io.tcpshake.core.testing.Tcpdump;
import io.tcpshake.core.testing.Tcpdump.Packet;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the raw engine puts on the wire: {@code [S]}, {@code [S.]} from the target, {@code [R]} from the
 * checker's kernel (which has no socket for the connection), and nothing else; the target accepts nothing
 * and no socket of the check is left behind.
 */
class RawEngineWireTest {
    @AutoClose
    private final LoopbackTargets targets = new LoopbackTargets();
    @AutoClose
    private Checker checker;

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void aCheckIsSynSynAckAndTheKernelsResetAndNothingElse(String ip) throws Exception {
        assumeTrue(Tcpdump.available(), "tcpdump is missing or may not capture on lo: the wire test is skipped");
        checker = RawEngineUnderTest.started();
        UpListener listener = targets.upListener(InetAddress.getByName(ip));
        int port = listener.address().getPort();

        List<Packet> packets;
        try (Tcpdump capture = Tcpdump.capture(port)) {
            CheckResult result = checker.checkAsync(listener.address(), Duration.ofSeconds(1)).get(5, TimeUnit.SECONDS);
            assertEquals(Outcome.UP, result.outcome(), result.toString());
            packets = capture.stop();
        }

        assertEquals(List.of("S", "S.", "R"), flags(packets), "packets on the wire:\n" + lines(packets));
        assertEquals(port, packets.get(1).sourcePort, "the SYN-ACK comes from the listener");
        assertEquals(packets.get(0).sourcePort, packets.get(2).sourcePort, "the RST comes from the probe's port");
        assertTrue(listener.acceptedNothing(), "the listener's accept() found a connection");
    }

    @Test
    void manyChecksPutOnlySynSynAckResetOnTheWireAndLeaveNoSocket() throws Exception {
        assumeTrue(Tcpdump.available(), "tcpdump is missing or may not capture on lo: the wire test is skipped");
        checker = RawEngineUnderTest.started();
        UpListener listener = targets.upListener(LoopbackTargets.V4);
        int port = listener.address().getPort();
        int checks = 500;

        List<Packet> packets;
        try (Tcpdump capture = Tcpdump.capture(port)) {
            List<CompletableFuture<CheckResult>> results = new ArrayList<>();
            for (int i = 0; i < checks; i++) {
                results.add(checker.checkAsync(listener.address(), Duration.ofSeconds(1)));
            }
            for (CompletableFuture<CheckResult> result : results) {
                assertEquals(Outcome.UP, result.get(10, TimeUnit.SECONDS).outcome());
            }
            packets = capture.stop();
        }

        assertEquals(checks, count(packets, "S"), lines(packets));
        assertEquals(checks, count(packets, "S."), lines(packets));
        assertEquals(checks, count(packets, "R"), lines(packets));
        assertEquals(3 * checks, packets.size(), "only [S] [S.] [R]: " + lines(packets));
        assertEquals(0, listener.drainAccepted(), "connections the listener could accept");
        assertEquals("", socketsTo(port), "sockets to the target's port (ss)");
    }

    /** Lines of {@code ss -tan} with the port as the peer's: the checks' connections, if any were left. */
    private static String socketsTo(int port) throws IOException, InterruptedException {
        Process ss = new ProcessBuilder("ss", "-tanH", "dport = :" + port).redirectErrorStream(true).start();
        String text = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        ss.waitFor(10, TimeUnit.SECONDS);
        return text;
    }

    private static long count(List<Packet> packets, String flags) {
        return packets.stream().filter(p -> p.flags.equals(flags)).count();
    }

    private static List<String> flags(List<Packet> packets) {
        return packets.stream().map(p -> p.flags).collect(Collectors.toList());
    }

    private static String lines(List<Packet> packets) {
        return packets.stream().map(p -> p.line).limit(30).collect(Collectors.joining("\n"));
    }
}
