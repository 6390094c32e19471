package io.tcpshake.core;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tcpshake.core.testing.LoopbackTargets;
import io.tcpshake.core.testing.OpenFiles;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AutoClose;

/**
 * A long mixed run leaves nothing behind: no descriptor it opened still open, no socket in TIME_WAIT, no
 * connection for the listener to accept.
 */
class CheckerLeakTest {
    private static final int CHECKS = 100_000;
    private static final int IN_FLIGHT = 256;
    private static final Duration UP_OR_REFUSED_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration SILENT_TIMEOUT = Duration.ofMillis(20);

    @AutoClose
    private final LoopbackTargets targets = new LoopbackTargets();
    @AutoClose
    private Checker checker;

    @ForEachEngine
    void hundredThousandMixedChecksLeaveNoDescriptorAndNoTimeWait(EngineChoice engine) throws Exception {
        assumeTrue(OpenFiles.supported(), "no /proc/self/fd to count descriptors");
        checker = EngineUnderTest.started(engine);
        MixedTargets mixed = new MixedTargets(targets, LoopbackTargets.V4, 50);
        run(mixed, 2_000); // warm-up: lazily opened descriptors (JDK, engine) are in the baseline
        Map<Integer, String> before = OpenFiles.snapshot();

        long start = System.nanoTime();
        Map<Outcome, Integer> outcomes = run(mixed, CHECKS);
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertEquals(expectedCounts(mixed, CHECKS), outcomes, "outcomes of " + CHECKS + " checks");
        await("no descriptor left open").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertEquals(Map.of(), OpenFiles.openedSince(before), "descriptors left open"));
        assertEquals("", timeWait(mixed.up.address().getPort()), "TIME_WAIT sockets of the listener's port");
        assertEquals("", timeWait(mixed.refused.getPort()), "TIME_WAIT sockets of the refused port");
        assertEquals(0, mixed.up.drainAccepted(), "connections the listener could accept");
        System.out.printf("%s: %,d mixed checks in %,d ms (%,.0f checks/s)%n", engine, CHECKS, elapsedMillis,
                CHECKS * 1000.0 / Math.max(1, elapsedMillis));
    }

    /** Runs {@code count} checks with at most {@link #IN_FLIGHT} in flight; the outcomes counted. */
    private Map<Outcome, Integer> run(MixedTargets mixed, int count) throws InterruptedException {
        Semaphore slots = new Semaphore(IN_FLIGHT);
        Map<Outcome, AtomicInteger> counts = new EnumMap<>(Outcome.class);
        for (Outcome outcome : Outcome.values()) {
            counts.put(outcome, new AtomicInteger());
        }
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < count; i++) {
            assertTrue(slots.tryAcquire(30, TimeUnit.SECONDS), "no check finished for 30 s, at check " + i);
            Duration timeout = mixed.expected(i) == Outcome.TIMEOUT ? SILENT_TIMEOUT : UP_OR_REFUSED_TIMEOUT;
            checker.checkAsync(mixed.address(i), timeout).whenComplete((result, error) -> {
                if (error != null) {
                    failures.add(error);
                } else {
                    counts.get(result.outcome()).incrementAndGet();
                }
                slots.release();
            });
        }
        assertTrue(slots.tryAcquire(IN_FLIGHT, 30, TimeUnit.SECONDS), "checks still in flight 30 s after the last");
        assertTrue(failures.isEmpty(), "futures failed: " + failures);
        Map<Outcome, Integer> result = new EnumMap<>(Outcome.class);
        counts.forEach((outcome, n) -> {
            if (n.get() > 0) {
                result.put(outcome, n.get());
            }
        });
        return result;
    }

    private static Map<Outcome, Integer> expectedCounts(MixedTargets mixed, int count) {
        Map<Outcome, Integer> expected = new EnumMap<>(Outcome.class);
        for (int i = 0; i < count; i++) {
            expected.merge(mixed.expected(i), 1, Integer::sum);
        }
        return expected;
    }

    private static String timeWait(int port) throws Exception {
        Process ss = new ProcessBuilder("ss", "-tanH", "state", "time-wait",
                "( sport = :" + port + " or dport = :" + port + " )").redirectErrorStream(true).start();
        String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(ss.waitFor(10, TimeUnit.SECONDS) && ss.exitValue() == 0, "ss failed: " + out);
        return out;
    }
}
