package io.tcpshake.core.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tcpshake.core.Outcome;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Adding, changing and removing targets while the monitor runs; on manual time. */
class MonitorTargetsTest {
    private final ManualMonitor m = new ManualMonitor();

    @AfterEach
    void close() {
        m.close();
    }

    private static Target target(String name, int port, Duration interval) {
        return Target.builder("127.0.0.1", port).name(name).interval(interval).jitter(0)
                .initialDelay(Duration.ZERO).build();
    }

    @Test
    void aTimingChangeKeepsStateAndCountersAndAppliesFromTheLastCheck() {
        m.checks.answer("127.0.0.1", Outcome.REFUSED);
        Monitor monitor = m.start(target("db", 7000, Duration.ofSeconds(10)));
        m.time.advance(Duration.ofSeconds(15));                   // checks at 0 and 10 s
        TargetSnapshot before = m.snapshot("db");

        monitor.put(target("db", 7000, Duration.ofSeconds(30)));
        m.time.advance(Duration.ofSeconds(30));

        TargetSnapshot after = m.snapshot("db");
        assertEquals(TargetState.DOWN, after.state());
        assertEquals(before.stateSince(), after.stateSince());
        assertEquals(Duration.ofSeconds(30), after.target().interval());
        assertEquals(List.of(Duration.ZERO, Duration.ofSeconds(10), Duration.ofSeconds(40)), m.checks.callTimes(7000));
        assertEquals(3, after.checks());
        assertEquals(List.of("- => db@127.0.0.1:7000", "db@127.0.0.1:7000 => db@127.0.0.1:7000"),
                m.events.targetChanges);
    }

    @Test
    void anEndpointChangeStartsOverFromUnknown() {
        m.checks.answer("127.0.0.1", Outcome.REFUSED);
        Monitor monitor = m.start(target("db", 7000, Duration.ofSeconds(10)));
        m.time.runDue();
        assertEquals(TargetState.DOWN, m.snapshot("db").state());

        monitor.put(target("db", 7001, Duration.ofSeconds(10)));

        TargetSnapshot moved = m.snapshot("db");
        assertEquals(TargetState.UNKNOWN, moved.state());
        assertEquals(0, moved.checks());
        assertEquals(7001, moved.target().endpoint().port());
        m.time.advance(Duration.ofSeconds(25));
        assertEquals(List.of(Duration.ZERO), m.checks.callTimes(7000), "the old endpoint is not checked again");
        assertEquals(3, m.checks.callTimes(7001).size());
    }

    @Test
    void aRemovedTargetIsNeverCheckedAgainAndItsCheckInFlightIsIgnored() {
        Monitor monitor = m.start(target("a", 7000, Duration.ofSeconds(10)), target("b", 7001, Duration.ofSeconds(10)));
        m.checks.hold();
        m.time.runDue();

        assertTrue(monitor.remove("a"));
        m.checks.releaseAll();
        m.time.advance(Duration.ofSeconds(100));

        assertEquals(1, m.checks.callTimes(7000).size());
        assertEquals(11, m.checks.callTimes(7001).size());
        assertTrue(monitor.snapshot("a").isEmpty());
        assertEquals(List.of("b"), monitor.snapshot().targets().stream().map(TargetSnapshot::name)
                .collect(Collectors.toList()));
        assertTrue(m.events.results.stream().allMatch(r -> r.address().getPort() == 7001),
                "no result event for the removed target");
        assertEquals(12, monitor.snapshot().checksTotal(), "the removed target's last check still counts in the total");
        assertEquals("a@127.0.0.1:7000 => -", m.events.targetChanges.get(2));
    }

    @Test
    void aTargetRemovedWhileItsNameResolvesSendsNoCheck() {
        List<Runnable> lookups = new java.util.ArrayList<>();
        Monitor monitor = m.start(m.builder().resolverExecutor(lookups::add)
                .resolver(host -> new java.net.InetAddress[] {ScriptedChecks.address("127.0.0.1")}),
                Target.builder("db.test", 7000).name("db").initialDelay(Duration.ZERO).build());
        m.time.runDue();
        assertEquals(1, lookups.size(), "the lookup is under way");

        monitor.remove("db");
        lookups.get(0).run();

        assertEquals(List.of(), m.checks.calls());
        assertEquals(0, monitor.snapshot().checksInFlight());
        assertTrue(m.events.results.isEmpty());
    }

    @Test
    void replaceAllAppliesTheDifference() {
        m.checks.answer("127.0.0.1", Outcome.REFUSED);
        Monitor monitor = m.start(target("a", 7000, Duration.ofSeconds(10)), target("b", 7001, Duration.ofSeconds(10)),
                target("c", 7002, Duration.ofSeconds(10)));
        m.time.runDue();
        m.events.targetChanges.clear();

        monitor.replaceAll(List.of(target("d", 7003, Duration.ofSeconds(10)), target("a", 7000, Duration.ofSeconds(10)),
                target("b", 7001, Duration.ofSeconds(20))));

        assertEquals(List.of("a", "b", "d"), monitor.targets().stream().map(Target::name).collect(Collectors.toList()));
        assertEquals(List.of("c@127.0.0.1:7002 => -", "- => d@127.0.0.1:7003", "b@127.0.0.1:7001 => b@127.0.0.1:7001"),
                m.events.targetChanges);
        assertEquals(TargetState.DOWN, m.snapshot("a").state());
        assertEquals(TargetState.DOWN, m.snapshot("b").state());
        assertEquals(TargetState.UNKNOWN, m.snapshot("d").state());
        m.time.advance(Duration.ofSeconds(30));
        assertEquals(1, m.checks.callTimes(7002).size());
    }

    @Test
    void replaceAllWithTwoTargetsOfOneNameChangesNothing() {
        Monitor monitor = m.start(target("a", 7000, Duration.ofSeconds(10)));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> monitor.replaceAll(
                List.of(target("x", 7001, Duration.ofSeconds(1)), target("x", 7002, Duration.ofSeconds(1)))));

        assertEquals("two targets are named 'x': target names must be unique", e.getMessage());
        assertEquals(List.of("a"), monitor.targets().stream().map(Target::name).collect(Collectors.toList()));
    }

    @Test
    void puttingAnUnchangedTargetIsNoChange() {
        Monitor monitor = m.start(target("a", 7000, Duration.ofSeconds(10)));
        monitor.put(target("a", 7000, Duration.ofSeconds(10)));
        assertEquals(1, m.events.targetChanges.size());
    }

    @Test
    void aClosedMonitorTakesNoTargets() {
        Monitor monitor = m.start(target("a", 7000, Duration.ofSeconds(10)));
        monitor.close();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> monitor.put(target("b", 7001, Duration.ofSeconds(10))));
        assertEquals("monitor is closed: targets cannot be changed any more", e.getMessage());
    }

    @Test
    void checkNowOfAnUnknownNameSaysWhichNamesExist() {
        Monitor monitor = m.start(target("a", 7000, Duration.ofSeconds(10)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> monitor.checkNow("b"));
        assertEquals("no target is named 'b': known targets are [a]", e.getMessage());
    }
}
