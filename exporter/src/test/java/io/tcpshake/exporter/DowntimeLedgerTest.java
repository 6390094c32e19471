package io.tcpshake.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tcpshake.core.CheckResult;
import io.tcpshake.core.Errno;
import io.tcpshake.core.monitor.StateChange;
import io.tcpshake.core.monitor.Target;
import io.tcpshake.core.monitor.TargetSnapshot;
import io.tcpshake.core.monitor.TargetState;
import java.net.InetSocketAddress;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The status page's downtime column, added up from state changes. */
class DowntimeLedgerTest {
    private static final TargetSnapshot DB = Snapshots.fixed().get(0);
    private static final InetSocketAddress ADDRESS = new InetSocketAddress("127.0.0.1", 5432);
    private static final CheckResult REFUSED = CheckResult.connectFailed(ADDRESS, Errno.ECONNREFUSED, 100_000);
    private static final long NOW = Snapshots.T0.toEpochMilli();

    @Test
    void downtimeAddsUpPastOutagesAndTheCurrentOne() {
        DowntimeLedger ledger = new DowntimeLedger();
        ledger.onStateChange(change(TargetState.UNKNOWN, TargetState.DOWN, 0, REFUSED));
        ledger.onStateChange(change(TargetState.DOWN, TargetState.UP, 30_000, CheckResult.up(ADDRESS, 1)));
        ledger.onStateChange(change(TargetState.UP, TargetState.DOWN, 100_000, REFUSED));

        assertEquals(30_000 + 20_000, ledger.downMillis("db", NOW + 120_000));
        assertEquals(0, ledger.downMillis("never-down", NOW));
    }

    @Test
    void downtimeAddsUpAcrossDownUpDownFromAnUpStart() {
        DowntimeLedger ledger = new DowntimeLedger();
        ledger.onStateChange(change(TargetState.UNKNOWN, TargetState.UP, 0, CheckResult.up(ADDRESS, 1)));
        ledger.onStateChange(change(TargetState.UP, TargetState.DOWN, 10_000, REFUSED));
        ledger.onStateChange(change(TargetState.DOWN, TargetState.UP, 25_000, CheckResult.up(ADDRESS, 1)));
        ledger.onStateChange(change(TargetState.UP, TargetState.DOWN, 40_000, REFUSED));
        assertEquals(15_000 + 5_000, ledger.downMillis("db", NOW + 45_000), "while down again");

        ledger.onStateChange(change(TargetState.DOWN, TargetState.UP, 50_000, CheckResult.up(ADDRESS, 1)));
        assertEquals(15_000 + 10_000, ledger.downMillis("db", NOW + 90_000), "up again: the total stays");
    }

    @Test
    void targetsThatWereNeverDownKeepNoEntry() {
        DowntimeLedger ledger = new DowntimeLedger();
        for (TargetSnapshot target : Snapshots.many(1_000)) {
            ledger.onStateChange(new StateChange(target, TargetState.UNKNOWN, TargetState.UP, Instant.ofEpochMilli(NOW),
                    target.lastResult()));
        }
        ledger.onStateChange(change(TargetState.UNKNOWN, TargetState.DOWN, 0, REFUSED));

        assertEquals(1, ledger.targetsKept(), "only the target that went DOWN");
        assertEquals(0, ledger.downMillis("t7", NOW + 60_000));
    }

    @Test
    void aRemovedTargetOrANewEndpointUnderItsNameStartsOver() {
        DowntimeLedger ledger = new DowntimeLedger();
        ledger.onStateChange(change(TargetState.UNKNOWN, TargetState.DOWN, 0, REFUSED));
        ledger.onTargetChanged(DB.target(), DB.target().toBuilder().label("tier", "primary").build());
        assertEquals(5_000, ledger.downMillis("db", NOW + 5_000), "a changed label keeps the past");

        ledger.onTargetChanged(DB.target(), Target.builder("127.0.0.1", 5433).name("db").build());
        assertEquals(0, ledger.downMillis("db", NOW + 5_000), "another port is another endpoint");

        ledger.onStateChange(change(TargetState.UNKNOWN, TargetState.DOWN, 0, REFUSED));
        ledger.onTargetChanged(DB.target(), null);
        assertEquals(0, ledger.downMillis("db", NOW + 5_000));
    }

    private static StateChange change(TargetState from, TargetState to, long atOffsetMillis, CheckResult reason) {
        return new StateChange(DB, from, to, Instant.ofEpochMilli(NOW + atOffsetMillis), reason);
    }
}
