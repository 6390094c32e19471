package io.tcpshake.core.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tcpshake.core.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** When checks happen: spread, jitter, fast and down intervals; on manual time. */
class MonitorScheduleTest {
    private final ManualMonitor m = new ManualMonitor();

    @AfterEach
    void close() {
        m.close();
    }

    @Test
    void firstChecksAreSpreadOverTheFirstInterval() {
        List<Target> targets = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            targets.add(Target.builder("127.0.0.1", 7000 + i).interval(Duration.ofSeconds(10)).build());
        }
        m.start(targets.toArray(new Target[0]));
        m.time.advance(Duration.ofMillis(9_999));

        List<Duration> firsts = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            List<Duration> times = m.checks.callTimes(7000 + i);
            assertEquals(1, times.size(), "target " + i + " is checked once within its first interval");
            firsts.add(times.get(0));
        }
        long early = firsts.stream().filter(t -> t.compareTo(Duration.ofSeconds(5)) < 0).count();
        assertTrue(early > 10 && early < 40, "first checks spread over the interval, not bunched: " + firsts);
        assertTrue(new HashSet<>(firsts).size() > 45, "first checks at distinct times: " + firsts);
    }

    @Test
    void initialDelayReplacesTheSpread() {
        m.start(Target.builder("127.0.0.1", 7000).interval(Duration.ofSeconds(10)).jitter(0)
                .initialDelay(Duration.ofSeconds(3)).build());
        m.time.advance(Duration.ofSeconds(25));
        assertEquals(List.of(Duration.ofSeconds(3), Duration.ofSeconds(13), Duration.ofSeconds(23)),
                m.checks.callTimes(7000));
    }

    @Test
    void jitterKeepsEachIntervalWithinItsBounds() {
        m.start(Target.builder("127.0.0.1", 7000).interval(Duration.ofSeconds(10)).jitter(0.1)
                .initialDelay(Duration.ZERO).build());
        m.time.advance(Duration.ofSeconds(1000));

        List<Duration> times = m.checks.callTimes(7000);
        assertTrue(times.size() > 90, "about 100 checks in 1000 s: " + times.size());
        HashSet<Duration> gaps = new HashSet<>();
        for (int i = 1; i < times.size(); i++) {
            Duration gap = times.get(i).minus(times.get(i - 1));
            assertTrue(gap.compareTo(Duration.ofSeconds(9)) >= 0 && gap.compareTo(Duration.ofSeconds(11)) <= 0,
                    "gap " + gap + " within 10 s ± 10 %");
            gaps.add(gap);
        }
        assertTrue(gaps.size() > times.size() / 2, "gaps vary: " + gaps);
    }

    @Test
    void fastIntervalWhileChangingAndDownIntervalWhileDown() {
        m.start(Target.builder("127.0.0.1", 7000).interval(Duration.ofSeconds(10))
                .fastInterval(Duration.ofSeconds(1)).downInterval(Duration.ofSeconds(5)).jitter(0)
                .initialDelay(Duration.ZERO).rise(2).fall(3).build());
        m.time.runDue();                                  // 0 s: UP
        m.checks.answer("127.0.0.1", Outcome.REFUSED);
        m.time.advance(Duration.ofSeconds(10));          // 10 s: 1 failure, changing
        m.time.advance(Duration.ofSeconds(1));           // 11 s: 2 failures
        m.time.advance(Duration.ofSeconds(1));           // 12 s: DOWN
        assertEquals(TargetState.DOWN, m.snapshot("127.0.0.1:7000").state());
        m.time.advance(Duration.ofSeconds(10));          // 17 s, 22 s: down interval
        m.checks.answer("127.0.0.1", Outcome.UP);
        m.time.advance(Duration.ofSeconds(5));           // 27 s: 1 success, changing
        m.time.advance(Duration.ofSeconds(1));           // 28 s: UP
        assertEquals(TargetState.UP, m.snapshot("127.0.0.1:7000").state());
        m.time.advance(Duration.ofSeconds(10));          // 38 s: settled interval again

        assertEquals(seconds(0, 10, 11, 12, 17, 22, 27, 28, 38), m.checks.callTimes(7000));
    }

    @Test
    void checkNowCountsAndTheScheduleFollowsFromIt() throws Exception {
        Monitor monitor = m.start(Target.builder("127.0.0.1", 7000).interval(Duration.ofSeconds(10)).jitter(0)
                .initialDelay(Duration.ZERO).build());
        m.time.runDue();
        m.time.advance(Duration.ofSeconds(4));
        m.checks.answer("127.0.0.1", Outcome.REFUSED);

        assertEquals(Outcome.REFUSED, monitor.checkNow("127.0.0.1:7000").get().outcome());
        m.time.advance(Duration.ofSeconds(20));

        assertEquals(seconds(0, 4, 14, 24), m.checks.callTimes(7000));
        assertEquals(4, m.snapshot("127.0.0.1:7000").checks());
    }

    private static List<Duration> seconds(long... values) {
        List<Duration> durations = new ArrayList<>();
        for (long value : values) {
            durations.add(Duration.ofSeconds(value));
        }
        return durations;
    }

    @Test
    void manyTargetsEachKeepTheirOwnTimesThroughChangesAndRemovals() {
        int count = 300;
        List<Target> targets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            targets.add(timed(i, Duration.ofMillis(1000 + 7 * i)));
        }
        Monitor monitor = m.start(m.builder().maxChecksPerSecond(1_000_000), targets.toArray(new Target[0]));
        m.time.advance(Duration.ofSeconds(5));
        // A third get a new interval (same endpoint: they keep their place in the schedule), a third are removed.
        for (int i = 0; i < count; i += 3) {
            monitor.put(timed(i, Duration.ofMillis(500 + i)));
        }
        for (int i = 1; i < count; i += 3) {
            monitor.remove("t" + i);
        }
        m.time.advance(Duration.ofSeconds(15));

        Duration changedAt = Duration.ofSeconds(5);
        Duration end = Duration.ofSeconds(20);
        for (int i = 0; i < count; i++) {
            Duration interval = Duration.ofMillis(1000 + 7 * i);
            List<Duration> expected = new ArrayList<>();
            Duration next = Duration.ofMillis(3 * i);
            Duration until = i % 3 == 2 ? end : changedAt;
            for (; next.compareTo(until) <= 0; next = next.plus(interval)) {
                expected.add(next);
            }
            if (i % 3 == 0) {
                Duration changed = Duration.ofMillis(500 + i);
                Duration last = expected.get(expected.size() - 1);
                next = last.plus(changed).compareTo(changedAt) < 0 ? changedAt : last.plus(changed);
                for (; next.compareTo(end) <= 0; next = next.plus(changed)) {
                    expected.add(next);
                }
            }
            assertEquals(expected, m.checks.callTimes(7000 + i), "target t" + i);
        }
    }

    private static Target timed(int i, Duration interval) {
        return Target.builder("127.0.0.1", 7000 + i).name("t" + i).interval(interval).jitter(0)
                .initialDelay(Duration.ofMillis(3 * i)).build();
    }
}
