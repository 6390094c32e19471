package io.tcpshake.jmx;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tcpshake.core.CheckResult;
import io.tcpshake.core.Outcome;
import io.tcpshake.core.monitor.Monitor;
import io.tcpshake.core.monitor.MonitorListener;
import io.tcpshake.core.monitor.Target;
import io.tcpshake.core.monitor.TargetSnapshot;
import io.tcpshake.core.monitor.TargetState;
import io.tcpshake.core.testing.LoopbackTargets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A monitor read back through its MBeans, as code in another class loader (an application beside the agent)
 * reads it: the same targets, states, results and counters as the monitor's own snapshots.
 */
class JmxMonitorViewTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final MBeanServer server = MBeanServerFactory.newMBeanServer();
    private final LoopbackTargets loopback = new LoopbackTargets();
    private final Monitor monitor = Monitor.builder().build();
    private final JmxMonitorView view = JmxMonitorView.on(server);
    private JmxOutput output;

    @AfterEach
    void close() throws Exception {
        if (output != null) {
            output.close();
        }
        monitor.close();
        loopback.close();
    }

    @Test
    void snapshotsReadThroughTheMBeansAreTheMonitorsOwn() throws Exception {
        monitor.put(once(Target.builder(loopback.upListener(LoopbackTargets.V4).address().getHostString(),
                loopback.upListener(LoopbackTargets.V4).address().getPort()).name("db").label("tier", "db")
                .critical(true)));
        monitor.put(once(Target.builder("127.0.0.1", loopback.refusedAddress(LoopbackTargets.V4).getPort())
                .name("cache")));
        output = JmxOutput.register(monitor, null, () -> "http://127.0.0.1:1/metrics", server);
        monitor.start();
        await().atMost(WAIT).until(() -> monitor.snapshot().targets().stream().allMatch(t -> t.checks() == 1));

        List<TargetSnapshot> own = monitor.snapshot().targets();
        List<TargetSnapshot> read = view.snapshot().targets();
        assertEquals(2, read.size());
        for (int i = 0; i < own.size(); i++) {
            TargetSnapshot expected = own.get(i);
            TargetSnapshot actual = read.get(i);
            assertEquals(expected.name(), actual.name());
            assertEquals(expected.target().endpoint(), actual.target().endpoint());
            assertEquals(expected.target().labels(), actual.target().labels());
            assertEquals(expected.target().critical(), actual.target().critical());
            assertEquals(expected.target().interval(), actual.target().interval());
            assertEquals(expected.state(), actual.state());
            assertEquals(expected.stateSince().toEpochMilli(), actual.stateSince().toEpochMilli());
            assertEquals(expected.checksByOutcome(), actual.checksByOutcome());
            assertEquals(expected.stateChanges(), actual.stateChanges());
            assertEquals(expected.latency().count(), actual.latency().count());
            assertEquals(expected.latency().lastNanos(), actual.latency().lastNanos(), 1.0);
            CheckResult last = actual.lastResult();
            assertEquals(expected.lastResult().outcome(), last.outcome());
            assertEquals(expected.lastResult().errno(), last.errno());
            assertEquals(expected.lastResult().message(), last.message());
            assertEquals(expected.lastResult().addressText(), last.addressText());
            assertEquals(expected.lastResult().latencyNanos(), last.latencyNanos(), 1.0);
            assertEquals(expected.lastCheckTime().toEpochMilli(), actual.lastCheckTime().toEpochMilli());
        }
        assertEquals(TargetState.UP, read.get(0).state());
        assertTrue(read.get(0).target().critical());
        assertEquals(Outcome.REFUSED, read.get(1).lastResult().outcome());
        assertEquals(monitor.snapshot().checksTotal(), view.snapshot().checksTotal());
        assertEquals(monitor.engineInfo().toString(), view.engineInfo().toString());
        assertEquals(Optional.of("http://127.0.0.1:1/metrics"), view.metricsUrl());

        CheckResult now = view.checkNow("db").get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertEquals(Outcome.UP, now.outcome());
        assertEquals(2, monitor.snapshot("db").orElseThrow().checks(), "the check counts in the agent's monitor");
    }

    @Test
    void withoutTheMBeansTheViewHasNoTargetsUntilTheyAreRegistered() throws Exception {
        monitor.put(once(Target.builder("127.0.0.1", loopback.refusedAddress(LoopbackTargets.V4).getPort())
                .name("cache")));
        assertFalse(view.registered());
        assertTrue(view.snapshot().targets().isEmpty());
        assertEquals(Optional.empty(), view.snapshot("cache"));
        assertEquals(Optional.empty(), view.metricsUrl());
        List<String> added = new CopyOnWriteArrayList<>();
        view.addListener(new MonitorListener() {
            @Override
            public void onTargetChanged(Target previous, Target current) {
                added.add(current == null ? "-" + previous.name() : "+" + current.name());
            }
        });

        output = JmxOutput.register(monitor, null, null, server, Runnable::run);
        monitor.start();

        assertTrue(view.registered());
        assertEquals(List.of("+cache"), added);
        assertEquals(List.of("cache"), view.snapshot().targets().stream().map(TargetSnapshot::name).collect(Collectors.toList()));
        assertNull(view.snapshot("cache").orElseThrow().stateReason(), "not shown by the MBean");

        monitor.put(once(Target.builder("127.0.0.1", loopback.refusedAddress(LoopbackTargets.V4).getPort())
                .name("search")));
        monitor.remove("cache");
        await().atMost(WAIT).until(() -> added.equals(List.of("+cache", "+search", "-cache")));
        assertEquals(List.of("search"), view.snapshot().targets().stream().map(TargetSnapshot::name).collect(Collectors.toList()));
    }

    @Test
    void readsOfOneTargetWithinASecondShareOneReadOfItsMBean() throws Exception {
        monitor.put(once(Target.builder("127.0.0.1", loopback.refusedAddress(LoopbackTargets.V4).getPort())
                .name("cache")));
        output = JmxOutput.register(monitor, null, null, server, Runnable::run);
        monitor.start();
        await().atMost(WAIT).until(() -> monitor.snapshot("cache").orElseThrow().checks() == 1);
        long firstRead = System.nanoTime();
        assertEquals(1, view.snapshot("cache").orElseThrow().checks());

        monitor.checkNow("cache").get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

        long checks = view.snapshot("cache").orElseThrow().checks();
        // Asserted only where this thread was not held up for most of the second (a busy machine).
        if (System.nanoTime() - firstRead < TimeUnit.MILLISECONDS.toNanos(JmxMonitorView.REUSE_MILLIS / 2)) {
            assertEquals(1, checks, "the read of a moment ago");
        }
        await().atMost(WAIT).until(() -> view.snapshot("cache").orElseThrow().checks() == 2);
        assertEquals(2, view.snapshot().targets().get(0).checks());
    }

    /** Checked once at start, then only when asked: the snapshots stay still while they are compared. */
    private static Target once(Target.Builder builder) {
        return builder.interval(Duration.ofHours(1)).initialDelay(Duration.ZERO).rise(1).fall(1).build();
    }
}
