package io.tcpshake.jmx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tcpshake.core.CheckResult;
import io.tcpshake.core.Errno;
import io.tcpshake.core.Outcome;
import io.tcpshake.core.config.ReloadControl;
import io.tcpshake.core.config.ReloadStatus;
import io.tcpshake.core.monitor.AddressPolicy;
import io.tcpshake.core.monitor.AddressSnapshot;
import io.tcpshake.core.monitor.LatencySummary;
import io.tcpshake.core.monitor.Target;
import io.tcpshake.core.monitor.TargetSnapshot;
import io.tcpshake.core.monitor.TargetState;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How snapshots show as MXBean attributes, read through proxies as a Java JMX client would. */
class MBeanAttributesTest {
    private static final InetSocketAddress DB = new InetSocketAddress("127.0.0.1", 5432);

    private final MBeanServer server = MBeanServerFactory.newMBeanServer();
    private final ScriptedMonitor monitor = new ScriptedMonitor();
    private JmxOutput output;

    @AfterEach
    void close() {
        if (output != null) {
            output.close();
        }
    }

    @Test
    void downTargetShowsStateReasonLastCheckCountersLatencyAndConfig() {
        Target target = Target.builder("127.0.0.1:5432").name("db").interval(Duration.ofSeconds(5))
                .fastInterval(Duration.ofSeconds(1)).timeout(Duration.ofMillis(750)).rise(3).fall(4)
                .labels(Map.of("tier", "db", "team", "core")).build();
        CheckResult refused = CheckResult.connectFailed(DB, Errno.ECONNREFUSED, 81_000);
        Instant since = Instant.parse("2026-11-26T10:00:00.123Z");
        LatencySummary latency = LatencySummary.EMPTY.plus(2_000_000).plus(120_000).plus(81_000);
        monitor.put(ScriptedMonitor.snapshot(target, TargetState.DOWN, since, refused,
                Map.of(Outcome.UP, 7L, Outcome.REFUSED, 4L, Outcome.TIMEOUT, 1L), 2, latency));
        output = JmxOutput.register(monitor, null, null, server);

        TargetMXBean db = JMX.newMXBeanProxy(server, TcpshakeObjectNames.target("db"), TargetMXBean.class, true);

        assertEquals("db", db.getName());
        assertEquals("127.0.0.1:5432", db.getAddress());
        assertEquals("DOWN", db.getState());
        assertEquals(Date.from(since), db.getStateSince());
        assertTrue(db.getSecondsInState() > 0);
        assertEquals(refused.toString(), db.getStateReason());
        assertEquals("REFUSED", db.getLastOutcome());
        assertEquals(0.081, db.getLastLatencyMillis(), 1e-9);
        assertEquals(Errno.ECONNREFUSED, db.getLastErrno());
        assertEquals("ECONNREFUSED", db.getLastErrnoName());
        assertEquals("Connection refused", db.getLastErrnoText());
        assertEquals("127.0.0.1:5432", db.getLastAddress());
        assertEquals(Date.from(since), db.getLastCheckTime());
        assertEquals(12, db.getChecks());
        assertEquals(5, db.getFailures());
        assertEquals(Map.of("UP", 7L, "REFUSED", 4L, "TIMEOUT", 1L, "UNREACHABLE", 0L, "RESOLVE_FAILED", 0L,
                "ERROR", 0L), db.getChecksByOutcome());
        assertEquals(2, db.getStateChanges());
        assertEquals(3, db.getLatencyCount());
        assertEquals(0.081, db.getLatencyLastMillis(), 1e-9);
        assertEquals(0.081, db.getLatencyMinMillis(), 1e-9);
        assertEquals(2.0, db.getLatencyMaxMillis(), 1e-9);
        assertEquals((2_000_000 + 120_000 + 81_000) / 3 / 1e6, db.getLatencyMeanMillis(), 1e-9);
        assertEquals(5000, db.getIntervalMillis());
        assertEquals(1000, db.getFastIntervalMillis());
        assertEquals(5000, db.getDownIntervalMillis());
        assertEquals(750, db.getTimeoutMillis());
        assertEquals(3, db.getRise());
        assertEquals(4, db.getFall());
        assertEquals("FIRST", db.getAddressPolicy());
        assertEquals(Map.of("tier", "db", "team", "core"), db.getLabels());
    }

    @Test
    void targetBeforeItsFirstCheckShowsEmptyValuesNotErrors() {
        monitor.put(ScriptedMonitor.unknown(Target.builder("[::1]:6379").name("[::1]:6379").build()));
        output = JmxOutput.register(monitor, null, null, server);

        TargetMXBean redis = JMX.newMXBeanProxy(server, TcpshakeObjectNames.target("[::1]:6379"),
                TargetMXBean.class);

        assertEquals("UNKNOWN", redis.getState());
        assertEquals("", redis.getStateReason());
        assertEquals("", redis.getLastOutcome());
        assertEquals("", redis.getLastErrnoName());
        assertNull(redis.getLastCheckTime());
        assertEquals(0, redis.getChecks());
        assertEquals(0.0, redis.getLatencyMeanMillis());
        assertEquals(Map.of(), redis.getLabels());
    }

    @Test
    void attributesFollowTheLatestSnapshotWithoutReRegistering() {
        Target target = Target.builder("127.0.0.1:5432").name("db").build();
        monitor.put(ScriptedMonitor.unknown(target));
        output = JmxOutput.register(monitor, null, null, server);
        TargetMXBean db = JMX.newMXBeanProxy(server, TcpshakeObjectNames.target("db"), TargetMXBean.class);
        assertEquals("UNKNOWN", db.getState());

        CheckResult up = CheckResult.up(DB, 150_000);
        monitor.result(ScriptedMonitor.snapshot(target, TargetState.UP, Instant.now(), up, Map.of(Outcome.UP, 1L),
                1, LatencySummary.EMPTY.plus(150_000)), up);

        assertEquals("UP", db.getState());
        assertEquals("OK", db.getLastErrnoName());
        assertEquals(1, db.getChecks());
    }

    @Test
    void targetCheckingEveryAddressShowsEachAddressState() {
        Target target = Target.builder("localhost", 5432).name("db").addressPolicy(AddressPolicy.ANY).build();
        InetSocketAddress v6 = new InetSocketAddress("::1", 5432);
        CheckResult up = CheckResult.up(DB, 100_000);
        CheckResult refused = CheckResult.connectFailed(v6, Errno.ECONNREFUSED, 50_000);
        monitor.put(new TargetSnapshot(target, TargetState.UP, Instant.now(), up, refused, Instant.now(), 0,
                Map.of(Outcome.UP, 1L, Outcome.REFUSED, 1L), 1, LatencySummary.EMPTY,
                List.of(new AddressSnapshot(DB, TargetState.UP, up),
                        new AddressSnapshot(v6, TargetState.DOWN, refused))));
        output = JmxOutput.register(monitor, null, null, server);

        TargetMXBean db = JMX.newMXBeanProxy(server, TcpshakeObjectNames.target("db"), TargetMXBean.class);

        assertEquals("ANY", db.getAddressPolicy());
        assertEquals(Map.of("127.0.0.1:5432", "UP", "[::1]:5432", "DOWN"), db.getAddressStates());
        assertEquals("localhost:5432", db.getAddress());
    }

    @Test
    void monitorShowsEngineCountsTotalsReloadStatusAndMetricsUrl() {
        Target a = Target.builder("127.0.0.1:1").name("a").build();
        Target b = Target.builder("127.0.0.1:2").name("b").build();
        Target c = Target.builder("127.0.0.1:3").name("c").build();
        CheckResult up = CheckResult.up(DB, 1000);
        monitor.put(ScriptedMonitor.snapshot(a, TargetState.UP, Instant.now(), up, Map.of(Outcome.UP, 1L), 1,
                LatencySummary.EMPTY));
        monitor.put(ScriptedMonitor.snapshot(b, TargetState.DOWN, Instant.now(),
                CheckResult.timeout(DB, 1_000_000_000L, 1_000_000_000L), Map.of(Outcome.TIMEOUT, 3L), 1, LatencySummary.EMPTY));
        monitor.put(ScriptedMonitor.unknown(c));
        monitor.totals(2, 4);
        Instant reloadedAt = Instant.parse("2026-11-26T09:00:00Z");
        ReloadControl reload = new FixedReload(new ReloadStatus("/etc/tcpshake/targets.yaml", reloadedAt, false,
                List.of("targets.yaml:12:5: unknown key 'timout' (did you mean 'timeout'?)")));
        output = JmxOutput.register(monitor, reload, () -> "http://127.0.0.1:9464/metrics", server);

        MonitorMXBean view = JMX.newMXBeanProxy(server, TcpshakeObjectNames.MONITOR, MonitorMXBean.class);

        assertEquals("nio (scripted) (fallback: epoll engine not built yet)", view.getEngine());
        assertEquals("NIO", view.getEngineKind());
        assertEquals("epoll engine not built yet", view.getEngineFallbackReason());
        assertEquals(3, view.getTargetCount());
        assertArrayEquals(new String[] {"a", "b", "c"}, view.getTargetNames());
        assertEquals(1, view.getUpCount());
        assertEquals(1, view.getDownCount());
        assertEquals(1, view.getUnknownCount());
        assertEquals(2, view.getChecksInFlight());
        assertEquals(4, view.getChecksTotal());
        assertEquals("/etc/tcpshake/targets.yaml", view.getConfigFile());
        assertFalse(view.isLastReloadSuccess());
        assertEquals(Date.from(reloadedAt), view.getLastReloadTime());
        assertArrayEquals(new String[] {"targets.yaml:12:5: unknown key 'timout' (did you mean 'timeout'?)"},
                view.getLastReloadErrors());
        assertEquals("http://127.0.0.1:9464/metrics", view.getMetricsUrl());
        assertEquals("targets.yaml:12:5: unknown key 'timout' (did you mean 'timeout'?)", view.reload());
    }

    @Test
    void monitorWithoutConfigurationOrExporterSaysSo() {
        output = JmxOutput.register(monitor, null, () -> null, server);

        MonitorMXBean view = JMX.newMXBeanProxy(server, TcpshakeObjectNames.MONITOR, MonitorMXBean.class);

        assertEquals("no configuration file", view.reload());
        assertEquals("", view.getConfigFile());
        assertFalse(view.isLastReloadSuccess());
        assertNull(view.getLastReloadTime());
        assertArrayEquals(new String[0], view.getLastReloadErrors());
        assertEquals("", view.getMetricsUrl());
        assertEquals(0, view.getTargetCount());
    }

    @Test
    void checkNowReturnsTheResultTextOrNamesTheKnownTargets() {
        monitor.put(ScriptedMonitor.unknown(Target.builder("127.0.0.1:5432").name("db").build()));
        monitor.checkNowAnswers(CheckResult.connectFailed(DB, Errno.ECONNREFUSED, 80_000));
        output = JmxOutput.register(monitor, null, null, server);
        MonitorMXBean view = JMX.newMXBeanProxy(server, TcpshakeObjectNames.MONITOR, MonitorMXBean.class);
        TargetMXBean db = JMX.newMXBeanProxy(server, TcpshakeObjectNames.target("db"), TargetMXBean.class);

        assertEquals("127.0.0.1:5432 REFUSED 0.080ms ECONNREFUSED (Connection refused)", view.checkNow("db"));
        assertEquals("127.0.0.1:5432 REFUSED 0.080ms ECONNREFUSED (Connection refused)", db.checkNow());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> view.checkNow("dv"));
        assertEquals("no target named 'dv'; targets: db", unknown.getMessage());
    }

    @Test
    void checkNowWithANullHugeOrMultiLineNameSaysSoOnOneShortLine() {
        for (int i = 0; i < 1000; i++) {
            monitor.put(ScriptedMonitor.unknown(Target.builder("127.0.0.1", 1 + i).name("t" + i).build()));
        }
        output = JmxOutput.register(monitor, null, null, server);
        MonitorMXBean view = JMX.newMXBeanProxy(server, TcpshakeObjectNames.MONITOR, MonitorMXBean.class);

        String huge = assertThrows(IllegalArgumentException.class,
                () -> view.checkNow("t1\n" + "x".repeat(1 << 20))).getMessage();
        String none = assertThrows(IllegalArgumentException.class, () -> view.checkNow(null)).getMessage();

        assertEquals("no target named 't1\\n" + "x".repeat(61) + "...' (1048579 characters); targets: t0, t1, t2, "
                + "t3, t4, t5, t6, t7, t8, t9, ... (1000 in all, see TargetNames)", huge);
        assertEquals("no target named null; targets: t0, t1, t2, t3, t4, t5, t6, t7, t8, t9, ... (1000 in all, see "
                + "TargetNames)", none);
    }

    @Test
    void checkNowGivesUpAfterTheTargetsTimeoutPlusAMargin() {
        monitor.put(ScriptedMonitor.unknown(Target.builder("127.0.0.1:5432").name("db")
                .timeout(Duration.ofMillis(100)).build()));
        output = JmxOutput.register(monitor, null, null, server);
        MonitorMXBean view = JMX.newMXBeanProxy(server, TcpshakeObjectNames.MONITOR, MonitorMXBean.class);

        long start = System.nanoTime();
        String answer = view.checkNow("db");
        long waitedMillis = (System.nanoTime() - start) / 1_000_000;

        assertEquals("no result within 1100 ms; the check goes on and counts when it ends", answer);
        assertTrue(waitedMillis >= 1100 && waitedMillis < 5000, "waited " + waitedMillis + " ms");
    }

    private static final class FixedReload implements ReloadControl {
        private final ReloadStatus status;

        FixedReload(ReloadStatus status) {
            this.status = status;
        }

        @Override
        public ReloadStatus lastReload() {
            return status;
        }

        @Override
        public ReloadStatus reload() {
            return status;
        }
    }
}
