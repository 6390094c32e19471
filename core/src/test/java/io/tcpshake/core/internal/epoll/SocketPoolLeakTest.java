package io.tcpshake.core.internal.epoll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tcpshake.core.Checker;
import io.tcpshake.core.EngineChoice;
import io.tcpshake.core.Outcome;
import io.tcpshake.core.testing.LoopbackTargets;
import io.tcpshake.core.testing.OpenFiles;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The pools (IPv4 and IPv6) leak nothing: no descriptor, no TIME_WAIT, and stay as small as the load. */
class SocketPoolLeakTest {
    private static final Duration ANSWERED = Duration.ofSeconds(5);
    private static final Duration SILENT = Duration.ofMillis(50);
    private static final int IN_FLIGHT = 256;

    @BeforeAll
    static void needsEpoll() {
        assumeTrue(EpollEngine.unavailabilityCause() == null, "epoll engine unavailable");
        assumeTrue(OpenFiles.supported(), "no /proc/self/fd");
    }

    @Test
    void hundredThousandMixedChecksOnIpv4AndIpv6PoolsLeaveNoDescriptorAndNoTimeWait() throws Exception {
        try (LoopbackTargets targets = new LoopbackTargets()) {
            InetSocketAddress up6 = targets.upListener(LoopbackTargets.V6).address();
            InetSocketAddress refused6 = targets.refusedAddress(LoopbackTargets.V6);
            InetSocketAddress silent6 = targets.timeoutAddress(LoopbackTargets.V6);
            InetSocketAddress up4 = targets.upListener(LoopbackTargets.V4).address();
            InetSocketAddress refused4 = targets.refusedAddress(LoopbackTargets.V4);
            InetSocketAddress[] cycle = new InetSocketAddress[100];
            for (int i = 0; i < cycle.length; i++) {
                cycle[i] = i == 50 ? silent6 : i % 5 == 0 ? refused6 : i % 5 == 1 ? refused4 : i % 5 == 2 ? up4 : up6;
            }
            Map<Integer, String> fdsBefore = OpenFiles.snapshot();
            Set<String> socketsBefore = SocketReuseWireTest.socketInodes();
            try (Checker checker = Checker.builder().engine(EngineChoice.EPOLL).callbacksOnLoopThread().build()) {
                checker.start();
                InFlightRun run = InFlightRun.run(checker, 100_000, IN_FLIGHT, i -> cycle[i % cycle.length],
                        i -> cycle[i % cycle.length] == silent6 ? SILENT : ANSWERED, Duration.ofSeconds(240));
                assertEquals(List.of(), run.mismatches(i -> {
                    InetSocketAddress address = cycle[i % cycle.length];
                    return address == up4 || address == up6 ? Outcome.UP
                            : address == silent6 ? Outcome.TIMEOUT : Outcome.REFUSED;
                }));
                // Each family's pool grew to its peak in flight; idle, both shrink back to a few sockets.
                Awaitility.await("idle pools trimmed").atMost(Duration.ofSeconds(10))
                        .until(() -> newSockets(socketsBefore), sockets -> sockets <= 2 * SocketPool.KEEP_IDLE);
            }
            assertEquals(Map.of(), OpenFiles.openedSince(fdsBefore), "descriptors left open by 100,000 checks");
            List<String> timeWait = timeWaitOf(up4.getPort(), up6.getPort(), refused4.getPort(),
                    refused6.getPort(), silent6.getPort());
            assertEquals(List.of(), timeWait, "sockets left in TIME_WAIT for the checked ports");
        }
    }

    private static int newSockets(Set<String> before) throws IOException {
        Set<String> now = SocketReuseWireTest.socketInodes();
        now.removeAll(before);
        return now.size();
    }

    /** Lines of {@code ss -tan state time-wait} that name one of {@code ports}. */
    private static List<String> timeWaitOf(int... ports) throws IOException, InterruptedException {
        Process ss = new ProcessBuilder("ss", "-tanH", "state", "time-wait").redirectErrorStream(true).start();
        String text = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(ss.waitFor(10, TimeUnit.SECONDS) && ss.exitValue() == 0, "ss failed: " + text);
        List<String> found = new ArrayList<>();
        for (String line : text.split("\n")) {
            for (int port : ports) {
                if (line.contains(":" + port + " ")) {
                    found.add(line.trim());
                }
            }
        }
        return found;
    }
}
