package io.tcpshake.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tcpshake.core.CheckResult;
import io.tcpshake.core.Errno;
import io.tcpshake.core.Outcome;
import io.tcpshake.core.monitor.StateChange;
import io.tcpshake.core.monitor.Target;
import io.tcpshake.core.monitor.TargetSnapshot;
import io.tcpshake.core.monitor.TargetState;
import java.net.InetSocketAddress;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The bounded per-target ring behind the status page. */
class ResultHistoryTest {
    private static final TargetSnapshot DB = Snapshots.fixed().get(0);
    private static final InetSocketAddress ADDRESS = new InetSocketAddress("127.0.0.1", 5432);
    private static final long NOW = Snapshots.T0.toEpochMilli();

    @Test
    void keepsOnlyTheLastResultsOldestFirst() {
        ResultHistory history = new ResultHistory(3);
        for (int i = 1; i <= 5; i++) {
            history.onResult(DB, CheckResult.up(ADDRESS, i * 1_000_000L));
        }
        history.onResult(DB, CheckResult.connectFailed(ADDRESS, Errno.ECONNREFUSED, 200_000));

        ResultHistory.Recent recent = history.recent("db", NOW);
        assertEquals(3, recent.count());
        assertEquals(4000, recent.latencyMicros(0));
        assertEquals(5000, recent.latencyMicros(1));
        assertEquals(Outcome.REFUSED, recent.outcome(2));
        assertEquals(200, recent.latencyMicros(2));
    }

    @Test
    void unknownTargetHasAnEmptyPast() {
        assertEquals(0, new ResultHistory(60).recent("nobody", NOW).count());
    }

    @Test
    void downtimeAddsUpPastOutagesAndTheCurrentOne() {
        ResultHistory history = new ResultHistory(60);
        CheckResult refused = CheckResult.connectFailed(ADDRESS, Errno.ECONNREFUSED, 100_000);
        history.onStateChange(change(TargetState.UNKNOWN, TargetState.DOWN, 0, refused));
        history.onStateChange(change(TargetState.DOWN, TargetState.UP, 30_000, CheckResult.up(ADDRESS, 1)));
        history.onStateChange(change(TargetState.UP, TargetState.DOWN, 100_000, refused));

        assertEquals(30_000 + 20_000, history.recent("db", NOW + 120_000).downMillis());
    }

    @Test
    void aRemovedTargetOrANewEndpointUnderItsNameStartsOver() {
        ResultHistory history = new ResultHistory(60);
        history.onResult(DB, CheckResult.up(ADDRESS, 1_000));
        history.onTargetChanged(DB.target(), DB.target().toBuilder().label("tier", "primary").build());
        assertEquals(1, history.recent("db", NOW).count(), "a changed label keeps the past");

        history.onTargetChanged(DB.target(), Target.builder("127.0.0.1", 5433).name("db").build());
        assertEquals(0, history.recent("db", NOW).count(), "another port is another endpoint");

        history.onResult(DB, CheckResult.up(ADDRESS, 1_000));
        history.onTargetChanged(DB.target(), null);
        assertEquals(0, history.recent("db", NOW).count());
    }

    @Test
    void sizeOutsideOneToAThousandIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ResultHistory(0));
        assertThrows(IllegalArgumentException.class, () -> new ResultHistory(1001));
    }

    private static StateChange change(TargetState from, TargetState to, long atOffsetMillis, CheckResult reason) {
        return new StateChange(DB, from, to, Instant.ofEpochMilli(NOW + atOffsetMillis), reason);
    }
}
