package io.tcpshake.core.internal.raw;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tcpshake.core.CheckResult;
import io.tcpshake.core.Checker;
import io.tcpshake.core.Outcome;
import io.tcpshake.core.testing.LoopbackTargets;
import io.tcpshake.core.testing.LoopbackTargets.UpListener;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Every check gets its own answer, once: many at once over mixed targets, and late answers on reused ports. */
class RawEngineMatchingTest {
    @AutoClose
    private final LoopbackTargets targets = new LoopbackTargets();
    @AutoClose
    private Checker checker;

    @Test
    void tenThousandMixedChecksEachGetTheirTargetsOutcomeExactlyOnce() throws Exception {
        checker = RawEngineUnderTest.started();
        UpListener up4 = targets.upListener(LoopbackTargets.V4);
        UpListener up6 = targets.upListener(LoopbackTargets.V6);
        InetSocketAddress[] addresses = {up4.address(), up6.address(), targets.refusedAddress(LoopbackTargets.V4),
                targets.refusedAddress(LoopbackTargets.V6), targets.timeoutAddress(LoopbackTargets.V4)};
        Outcome[] expected = {Outcome.UP, Outcome.UP, Outcome.REFUSED, Outcome.REFUSED, Outcome.TIMEOUT};
        int checks = 10_000;
        AtomicInteger completions = new AtomicInteger();

        List<CompletableFuture<CheckResult>> results = new ArrayList<>();
        for (int i = 0; i < checks; i++) {
            CompletableFuture<CheckResult> result = checker.checkAsync(addresses[i % addresses.length],
                    Duration.ofMillis(i % addresses.length == 4 ? 300 : 3000));
            result.whenComplete((r, e) -> completions.incrementAndGet());
            results.add(result);
        }

        Map<Outcome, Integer> wrong = new EnumMap<>(Outcome.class);
        for (int i = 0; i < checks; i++) {
            CheckResult result = results.get(i).get(30, TimeUnit.SECONDS);
            assertEquals(addresses[i % addresses.length], result.address());
            if (result.outcome() != expected[i % addresses.length]) {
                wrong.merge(result.outcome(), 1, Integer::sum);
            }
        }
        assertEquals(Map.of(), wrong, "checks with another outcome than their target's");
        assertEquals(checks, completions.get());
        assertEquals(0, up4.drainAccepted() + up6.drainAccepted(), "connections the listeners could accept");
    }

    /**
     * One check in flight at a time, as {@code check -c 1} runs them: each SYN goes out alone ({@code sendto})
     * and each answer is read alone ({@code recvfrom}), the read stopping once the one probe in flight is
     * answered. Up, refused and silent targets of both families in turn; the silent one answers each probe
     * late, on a port the next probe to it takes again, so stale SYN-ACKs sit in the queue ahead of later
     * answers.
     */
    @Test
    void oneCheckInFlightAtATimeGetsItsOwnAnswerPastLateOnes() throws Exception {
        checker = RawEngineUnderTest.started();
        InetSocketAddress silent = targets.timeoutAddress(LoopbackTargets.V4);
        InetSocketAddress[] addresses = {targets.upListener(LoopbackTargets.V4).address(),
            targets.refusedAddress(LoopbackTargets.V4), targets.upListener(LoopbackTargets.V6).address(),
            targets.refusedAddress(LoopbackTargets.V6), silent};
        Outcome[] expected = {Outcome.UP, Outcome.REFUSED, Outcome.UP, Outcome.REFUSED, Outcome.TIMEOUT};
        long delayMillis = 60;
        List<String> wrong = new ArrayList<>();
        try (LateSynAckResponder responder = new LateSynAckResponder(silent.getPort(), delayMillis)) {
            for (int i = 0; i < 250; i++) {
                int target = i % addresses.length;
                CheckResult result = checker.checkAsync(addresses[target],
                        Duration.ofMillis(target == 4 ? 30 : 1000)).get(10, TimeUnit.SECONDS);
                // A loop stalled past the delay may read the silent target's late SYN-ACK in time: UP after
                // the delay, as the epoll engine would report it, is no mismatch.
                boolean lateButOwn = target == 4 && result.outcome() == Outcome.UP
                        && result.latencyNanos() >= TimeUnit.MILLISECONDS.toNanos(delayMillis);
                if (result.outcome() != expected[target] && !lateButOwn && wrong.add("check " + i + ": " + result)
                        && wrong.size() == 10) {
                    break; // enough to show it
                }
            }
            assertEquals(List.of(), wrong, "checks with another outcome than their target's");
            // Most probes to the silent target must have had their late answer, or the test proved nothing.
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> responder.answered() >= 45);
        }
    }

    @Test
    void aSynAckArrivingAfterTheTimeoutIsNotTakenForTheNextProbeOnItsPort() throws Exception {
        checker = RawEngineUnderTest.started();
        InetSocketAddress silent = targets.timeoutAddress(LoopbackTargets.V4);
        // Ten waves of one probe per reserved port, each wave started when the one before has timed out
        // (30 ms), each probe answered 100 ms after its SYN: the late SYN-ACKs of a wave arrive while their
        // ports serve the probes of a later wave to the same target.
        long delayMillis = 100;
        List<CheckResult> results = new ArrayList<>();
        try (LateSynAckResponder responder = new LateSynAckResponder(silent.getPort(), delayMillis)) {
            for (int wave = 0; wave < 10; wave++) {
                List<CompletableFuture<CheckResult>> probes = new ArrayList<>();
                for (int i = 0; i < RawEngine.PORTS; i++) {
                    probes.add(checker.checkAsync(silent, Duration.ofMillis(30)));
                }
                for (CompletableFuture<CheckResult> probe : probes) {
                    results.add(probe.get(30, TimeUnit.SECONDS));
                }
            }
            // A SYN-ACK taken for a later probe on the same port makes that probe UP within its 30 ms. (A
            // loop stalled past the delay, by GC or a loaded machine, may read a probe's own late SYN-ACK
            // before its deadline passes: UP after 100 ms or more, as the epoll engine would report it.)
            List<String> falseUps = new ArrayList<>();
            for (CheckResult r : results) {
                if (r.outcome() != Outcome.TIMEOUT
                        && (r.outcome() != Outcome.UP || r.latencyNanos() < TimeUnit.MILLISECONDS.toNanos(delayMillis))) {
                    falseUps.add(r.toString());
                }
            }
            assertEquals(List.of(), falseUps.subList(0, Math.min(10, falseUps.size())),
                    falseUps.size() + " checks answered only too late were not TIMEOUT");
            // Most SYNs must have had their late answer, or the test proved nothing.
            int sent = results.size();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> responder.answered() >= sent * 9 / 10);
        }
    }
}
