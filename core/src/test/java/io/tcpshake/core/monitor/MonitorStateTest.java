package io.tcpshake.core.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.tcpshake.core.Outcome;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Rise/fall through the whole monitor, on manual time with scripted results. */
class MonitorStateTest {
    private static final Duration INTERVAL = Duration.ofSeconds(10);
    private final ManualMonitor m = new ManualMonitor();

    @AfterEach
    void close() {
        m.close();
    }

    private static Target target(String ip) {
        return Target.builder(ip, 7000).name(ip).interval(INTERVAL).jitter(0).initialDelay(Duration.ZERO)
                .rise(2).fall(3).build();
    }

    @Test
    void targetIsUnknownUntilItsFirstResultDecidesUpOrDown() {
        m.checks.answer("127.0.0.2", Outcome.REFUSED);
        m.start(target("127.0.0.1"), target("127.0.0.2"));
        assertEquals(TargetState.UNKNOWN, m.snapshot("127.0.0.1").state());
        assertNull(m.snapshot("127.0.0.1").lastResult());

        m.time.runDue();

        TargetSnapshot up = m.snapshot("127.0.0.1");
        assertEquals(TargetState.UP, up.state());
        assertEquals(1, up.stateChanges());
        assertEquals(Outcome.UP, up.stateReason().outcome());
        TargetSnapshot down = m.snapshot("127.0.0.2");
        assertEquals(TargetState.DOWN, down.state());
        assertEquals(Outcome.REFUSED, down.stateReason().outcome());
        assertEquals("ECONNREFUSED", down.stateReason().errnoName());
        assertEquals(2, m.events.changes.size());
        assertEquals(TargetState.UNKNOWN, m.events.changes.get(0).from());
    }

    @Test
    void fallFailuresInARowTurnUpIntoDownAndRecordWhenAndWhy() {
        m.start(target("127.0.0.1"));
        m.time.runDue();
        m.checks.answer("127.0.0.1", Outcome.REFUSED);

        m.time.advance(INTERVAL);
        assertEquals(TargetState.UP, m.snapshot("127.0.0.1").state());
        assertEquals(1, m.snapshot("127.0.0.1").consecutive());
        m.time.advance(INTERVAL);
        assertEquals(TargetState.UP, m.snapshot("127.0.0.1").state());
        assertEquals(2, m.snapshot("127.0.0.1").consecutive());
        m.time.advance(INTERVAL);

        TargetSnapshot down = m.snapshot("127.0.0.1");
        assertEquals(TargetState.DOWN, down.state());
        assertEquals(0, down.consecutive());
        assertEquals(ManualTime.START.plusSeconds(30), down.stateSince());
        assertEquals(Outcome.REFUSED, down.stateReason().outcome());
        assertEquals(2, down.stateChanges());
        assertEquals(1L, down.checksByOutcome().get(Outcome.UP));
        assertEquals(3L, down.checksByOutcome().get(Outcome.REFUSED));
        assertEquals(3, down.failures());
        StateChange change = m.events.changes.get(1);
        assertEquals(TargetState.UP, change.from());
        assertEquals(TargetState.DOWN, change.to());
        assertEquals(ManualTime.START.plusSeconds(30), change.at());
        assertEquals(Outcome.REFUSED, change.reason().outcome());
    }

    @Test
    void riseSuccessesInARowTurnDownIntoUp() {
        m.checks.answer("127.0.0.1", Outcome.TIMEOUT);
        m.start(target("127.0.0.1"));
        m.time.runDue();
        assertEquals(TargetState.DOWN, m.snapshot("127.0.0.1").state());
        m.checks.answer("127.0.0.1", Outcome.UP);

        m.time.advance(INTERVAL);
        assertEquals(TargetState.DOWN, m.snapshot("127.0.0.1").state());
        m.time.advance(INTERVAL);

        assertEquals(TargetState.UP, m.snapshot("127.0.0.1").state());
        assertEquals(ManualTime.START.plusSeconds(20), m.snapshot("127.0.0.1").stateSince());
    }

    @Test
    void aResultThatAgreesWithTheStateStartsTheCountOver() {
        m.start(target("127.0.0.1"));
        m.time.runDue();
        for (Outcome outcome : new Outcome[] {Outcome.REFUSED, Outcome.REFUSED, Outcome.UP, Outcome.REFUSED,
                Outcome.REFUSED}) {
            m.checks.answer("127.0.0.1", outcome);
            m.time.advance(INTERVAL);
        }
        assertEquals(TargetState.UP, m.snapshot("127.0.0.1").state());
        assertEquals(2, m.snapshot("127.0.0.1").consecutive());
        assertEquals(1, m.snapshot("127.0.0.1").stateChanges());
    }

    @Test
    void latencySummaryHoldsOnlyChecksThatGotAnAnswer() {
        m.start(target("127.0.0.1"));
        m.time.runDue();
        m.checks.answer("127.0.0.1", Outcome.REFUSED);
        m.time.advance(INTERVAL);
        m.checks.answer("127.0.0.1", Outcome.TIMEOUT);
        m.time.advance(INTERVAL);

        TargetSnapshot snapshot = m.snapshot("127.0.0.1");
        assertEquals(3, snapshot.checks());
        assertEquals(2, snapshot.latency().count());
        assertEquals(ScriptedChecks.LATENCY_NANOS, snapshot.latency().maxNanos());
        assertEquals(Outcome.TIMEOUT, snapshot.lastResult().outcome());
        assertEquals(ManualTime.START.plusSeconds(20), snapshot.lastCheckTime());
    }

    @Test
    void everyResultEventCarriesASnapshotThatIncludesIt() {
        m.start(target("127.0.0.1"));
        m.time.runDue();
        m.checks.answer("127.0.0.1", Outcome.REFUSED);
        m.time.advance(INTERVAL.multipliedBy(3));

        assertEquals(4, m.events.results.size());
        for (int i = 0; i < 4; i++) {
            assertEquals(i + 1, m.events.resultSnapshots.get(i).checks());
            assertSame(m.events.results.get(i), m.events.resultSnapshots.get(i).lastResult());
        }
    }
}
