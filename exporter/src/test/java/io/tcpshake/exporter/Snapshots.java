package io.tcpshake.exporter;

import io.tcpshake.core.CheckResult;
import io.tcpshake.core.Errno;
import io.tcpshake.core.Outcome;
import io.tcpshake.core.config.ReloadControl;
import io.tcpshake.core.config.ReloadStatus;
import io.tcpshake.core.monitor.LatencySummary;
import io.tcpshake.core.monitor.Target;
import io.tcpshake.core.monitor.TargetSnapshot;
import io.tcpshake.core.monitor.TargetState;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Hand-built target snapshots for tests that need fixed values. */
final class Snapshots {
    static final Instant T0 = Instant.parse("2026-11-26T09:00:00Z");

    /** A configuration whose latest reload was rejected. */
    static final ReloadControl FAILED_RELOAD = new ReloadControl() {
        private final ReloadStatus status = new ReloadStatus("targets.yaml", Instant.parse("2026-11-26T08:30:00.250Z"),
                false, List.of("targets.yaml:3:5: unknown key 'timout' (did you mean 'timeout'?)"));

        @Override
        public ReloadStatus lastReload() {
            return status;
        }

        @Override
        public ReloadStatus reload() {
            return status;
        }
    };

    private Snapshots() {
    }

    /** Three targets: db UP with labels, cache DOWN (refused), an unlabelled IPv6 one still UNKNOWN. */
    static List<TargetSnapshot> fixed() {
        Target db = Target.builder("127.0.0.1", 5432).name("db").label("tier", "db")
                .label("team", "ops \"blue\"\n").label("path", "C:\\ops").build();
        InetSocketAddress dbAddress = new InetSocketAddress("127.0.0.1", 5432);
        LatencySummary dbLatency = LatencySummary.EMPTY.plus(80_000).plus(300_000).plus(2_000_000);
        CheckResult dbLast = CheckResult.up(dbAddress, 2_000_000);
        TargetSnapshot dbSnapshot = new TargetSnapshot(db, TargetState.UP, T0.plusMillis(1500), dbLast, dbLast,
                T0.plusSeconds(20), 0, counts(3, 0, 1, 0, 0, 0), 1, dbLatency, List.of());

        Target cache = Target.builder("127.0.0.1", 6380).name("cache").build();
        InetSocketAddress cacheAddress = new InetSocketAddress("127.0.0.1", 6380);
        CheckResult refused = CheckResult.connectFailed(cacheAddress, Errno.ECONNREFUSED, 150_000);
        TargetSnapshot cacheSnapshot = new TargetSnapshot(cache, TargetState.DOWN, T0.plusSeconds(30), refused,
                refused, T0.plusSeconds(50), 0, counts(0, 4, 0, 0, 0, 0), 1,
                LatencySummary.EMPTY.plus(150_000).plus(150_000).plus(150_000).plus(150_000), List.of());

        Target fresh = Target.builder("::1", 6379).build();
        TargetSnapshot freshSnapshot = new TargetSnapshot(fresh, TargetState.UNKNOWN, T0, null, null, null, 0,
                Map.of(), 0, LatencySummary.EMPTY, List.of());
        return List.of(dbSnapshot, cacheSnapshot, freshSnapshot);
    }

    /** {@code count} UP targets named t0, t1, ... with a label each and a few latencies: for load tests. */
    static List<TargetSnapshot> many(int count) {
        List<TargetSnapshot> targets = new ArrayList<>(count);
        LatencySummary latency = LatencySummary.EMPTY.plus(90_000).plus(400_000).plus(1_200_000);
        for (int i = 0; i < count; i++) {
            Target target = Target.builder("127.0.0.1", 1 + i % 65535).name("t" + i).label("shard", "s" + (i % 16))
                    .build();
            CheckResult up = CheckResult.up(new InetSocketAddress("127.0.0.1", target.endpoint().port()), 400_000);
            targets.add(new TargetSnapshot(target, TargetState.UP, T0, up, up, T0.plusSeconds(i % 60), 0,
                    counts(3 + i, 0, 0, 0, 0, 0), 1, latency, List.of()));
        }
        return targets;
    }

    static Map<Outcome, Long> counts(long up, long refused, long timeout, long unreachable, long resolveFailed,
            long error) {
        Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
        counts.put(Outcome.UP, up);
        counts.put(Outcome.REFUSED, refused);
        counts.put(Outcome.TIMEOUT, timeout);
        counts.put(Outcome.UNREACHABLE, unreachable);
        counts.put(Outcome.RESOLVE_FAILED, resolveFailed);
        counts.put(Outcome.ERROR, error);
        return counts;
    }
}
