package io.tcpshake.core.internal.epoll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tcpshake.core.Checker;
import io.tcpshake.core.EngineChoice;
import io.tcpshake.core.Outcome;
import io.tcpshake.core.testing.LoopbackTargets;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One pooled socket serves many checks in turn: whatever the previous check on it ended with (SYN-ACK,
 * RST, an aborted SYN_SENT), the next one must report its own target's outcome, never an event left over
 * from before.
 */
class PooledSocketOutcomesTest {
    private static final Duration ANSWERED = Duration.ofSeconds(5);
    private static final Duration SILENT = Duration.ofMillis(80);

    @BeforeAll
    static void needsEpoll() {
        assumeTrue(EpollEngine.unavailabilityCause() == null, "epoll engine unavailable");
    }

    @Test
    void onePooledSocketAlternatingUpRefusedAndTimeoutGivesEachTargetsOutcome() throws Exception {
        try (LoopbackTargets targets = new LoopbackTargets();
                Checker checker = Checker.builder().engine(EngineChoice.EPOLL).callbacksOnLoopThread().build()) {
            InetSocketAddress[] cycle = {
                targets.upListener(LoopbackTargets.V4).address(),
                targets.refusedAddress(LoopbackTargets.V4),
                targets.timeoutAddress(LoopbackTargets.V4),
            };
            Outcome[] expected = {Outcome.UP, Outcome.REFUSED, Outcome.TIMEOUT};
            java.util.Set<String> socketsBefore = SocketReuseWireTest.socketInodes();
            checker.start();
            // One in flight: every check runs on the same pooled socket, right after the previous outcome.
            InFlightRun run = InFlightRun.run(checker, 60, 1, i -> cycle[i % 3],
                    i -> i % 3 == 2 ? SILENT : ANSWERED, Duration.ofSeconds(60));
            assertEquals(List.of(), run.mismatches(i -> expected[i % 3]));
            java.util.Set<String> pooled = SocketReuseWireTest.socketInodes();
            pooled.removeAll(socketsBefore);
            assertEquals(1, pooled.size(), "one pooled socket served all 60 checks: " + pooled);
        }
    }

    @Test
    void tenThousandMixedChecksOnPooledSocketsEachCompleteOnceWithTheirOutcome() throws Exception {
        try (LoopbackTargets targets = new LoopbackTargets();
                Checker checker = Checker.builder().engine(EngineChoice.EPOLL).callbacksOnLoopThread().build()) {
            InetSocketAddress up = targets.upListener(LoopbackTargets.V4).address();
            InetSocketAddress refused = targets.refusedAddress(LoopbackTargets.V4);
            InetSocketAddress silent = targets.timeoutAddress(LoopbackTargets.V4);
            // Timeouts are 1 in 10, so a socket often goes from an aborted SYN_SENT to a SYN-ACK or RST.
            InetSocketAddress[] cycle = {up, refused, up, silent, refused, up, refused, up, refused, up};
            checker.start();
            InFlightRun run = InFlightRun.run(checker, 10_000, 64, i -> cycle[i % cycle.length],
                    i -> cycle[i % cycle.length] == silent ? SILENT : ANSWERED, Duration.ofSeconds(120));
            assertEquals(List.of(), run.mismatches(i -> expectedOf(cycle[i % cycle.length], up, refused)));
        }
    }

    /**
     * The stale-event trap: an RST answered check and a SYN-ACK answered check take turns on the same few
     * sockets at high concurrency. Taking an earlier check's event for the current one would show as an UP
     * for the refused port (false UP) or a REFUSED for the listener (false REFUSED).
     */
    @Test
    void refusedAndUpChecksInterleavedOnReusedSocketsAreNeverMistakenForEachOther() throws Exception {
        try (LoopbackTargets targets = new LoopbackTargets();
                Checker checker = Checker.builder().engine(EngineChoice.EPOLL).callbacksOnLoopThread().build()) {
            InetSocketAddress up = targets.upListener(LoopbackTargets.V4).address();
            InetSocketAddress refused = targets.refusedAddress(LoopbackTargets.V4);
            InetSocketAddress up6 = targets.upListener(LoopbackTargets.V6).address();
            InetSocketAddress refused6 = targets.refusedAddress(LoopbackTargets.V6);
            InetSocketAddress[] cycle = {up, refused, refused, up6, up, refused6, up, up6, refused6, refused, up};
            checker.start();
            InFlightRun run = InFlightRun.run(checker, 30_000, 256, i -> cycle[i % cycle.length],
                    i -> ANSWERED, Duration.ofSeconds(120));
            assertEquals(List.of(), run.mismatches(i -> {
                InetSocketAddress address = cycle[i % cycle.length];
                return address == up || address == up6 ? Outcome.UP : Outcome.REFUSED;
            }));
            assertTrue(run.result(0).latencyNanos() > 0);
        }
    }

    private static Outcome expectedOf(InetSocketAddress address, InetSocketAddress up, InetSocketAddress refused) {
        return address == up ? Outcome.UP : address == refused ? Outcome.REFUSED : Outcome.TIMEOUT;
    }
}
