package io.tcpshake.micrometer;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.jmx.JmxConfig;
import io.micrometer.jmx.JmxMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tcpshake.core.Outcome;
import io.tcpshake.core.monitor.Monitor;
import io.tcpshake.core.monitor.MonitorListener;
import io.tcpshake.core.monitor.Target;
import io.tcpshake.core.monitor.TargetSnapshot;
import io.tcpshake.core.testing.LoopbackTargets;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** A real Monitor checking loopback targets, read through real Micrometer registries. */
class TcpshakeMetricsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void prometheusRegistryShowsEveryTargetAndFollowsTargetsAddedAndRemoved() throws Exception {
        try (LoopbackTargets loopback = new LoopbackTargets();
                Monitor monitor = Monitor.builder().build()) {
            LoopbackTargets.UpListener db = loopback.upListener(LoopbackTargets.V4);
            InetSocketAddress refused = loopback.refusedAddress(LoopbackTargets.V4);
            monitor.put(fast(Target.builder("127.0.0.1", db.address().getPort()).name("db").label("tier", "db")));
            monitor.put(fast(Target.builder("127.0.0.1", refused.getPort()).name("refused")));
            monitor.start();
            PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            TcpshakeMetrics metrics = new TcpshakeMetrics(monitor, Tags.of("app", "orders"));
            metrics.bindTo(prometheus);

            // A target without the label gets it empty: one tag key set per meter name.
            await().atMost(WAIT).untilAsserted(() -> {
                String scrape = prometheus.scrape();
                assertContainsAll(scrape,
                        "tcpshake_target_up{app=\"orders\",target=\"db\",tier=\"db\"} 1",
                        "tcpshake_target_up{app=\"orders\",target=\"refused\",tier=\"\"} 0",
                        "tcpshake_checks_total{app=\"orders\",outcome=\"refused\",target=\"refused\",tier=\"\"}",
                        "tcpshake_check_duration_seconds_count{app=\"orders\",target=\"db\",tier=\"db\"}",
                        "tcpshake_check_last_duration_seconds{app=\"orders\",target=\"db\",tier=\"db\"}",
                        "tcpshake_target_state_changes_total{app=\"orders\",target=\"db\",tier=\"db\"} 1");
            });

            LoopbackTargets.UpListener cache = loopback.upListener(LoopbackTargets.V4);
            monitor.put(fast(Target.builder("127.0.0.1", cache.address().getPort()).name("cache").label("zone", "a")));
            monitor.remove("refused");
            await().atMost(WAIT).untilAsserted(() -> {
                String scrape = prometheus.scrape();
                assertContainsAll(scrape,
                        "tcpshake_target_up{app=\"orders\",target=\"cache\",tier=\"\",zone=\"a\"} 1",
                        "tcpshake_target_up{app=\"orders\",target=\"db\",tier=\"db\",zone=\"\"} 1");
                assertFalse(scrape.contains("target=\"refused\""), scrape);
            });

            metrics.close();
            assertFalse(prometheus.scrape().contains("tcpshake_"), "closed: every meter removed");
        }
    }

    @Test
    void metersReadTheMonitorsSnapshotsInsteadOfMeasuringAgain() throws Exception {
        TargetSnapshot snapshot;
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (LoopbackTargets loopback = new LoopbackTargets();
                Monitor monitor = Monitor.builder().build()) {
            InetSocketAddress refused = loopback.refusedAddress(LoopbackTargets.V4);
            monitor.put(fast(Target.builder("127.0.0.1", refused.getPort()).name("gone")));
            new TcpshakeMetrics(monitor).bindTo(registry);
            monitor.start();
            await().atMost(WAIT).until(() -> monitor.snapshot("gone").orElseThrow().checks() >= 3);
            monitor.close();
            // Closed: the snapshot stays readable and no longer changes.
            snapshot = monitor.snapshot("gone").orElseThrow();

            FunctionTimer duration = registry.get("tcpshake.check.duration").functionTimer();
            assertEquals(snapshot.latency().count(), (long) duration.count());
            assertEquals(snapshot.latency().sumNanos(), duration.totalTime(TimeUnit.NANOSECONDS), 0.5);
            TimeGauge last = registry.get("tcpshake.check.last.duration").timeGauge();
            assertEquals(snapshot.latency().lastNanos(), last.value(TimeUnit.NANOSECONDS), 0.5);
            for (Outcome outcome : Outcome.values()) {
                FunctionCounter checks = registry.get("tcpshake.checks").tag("outcome", outcome.label())
                        .functionCounter();
                assertEquals(snapshot.checksByOutcome().get(outcome), (long) checks.count(), outcome.label());
            }
            assertEquals(0.0, registry.get("tcpshake.target.up").gauge().value());
            assertEquals(1.0, registry.get("tcpshake.target.state.changes").functionCounter().count());
        }
    }

    @Test
    void aChangedTargetKeepsItsMetersUnlessItsTagsOrEndpointChange() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (LoopbackTargets loopback = new LoopbackTargets();
                Monitor monitor = Monitor.builder().build();
                TcpshakeMetrics metrics = new TcpshakeMetrics(monitor)) {
            int port = loopback.refusedAddress(LoopbackTargets.V4).getPort();
            Target a = Target.builder("127.0.0.1", port).name("a").label("tier", "x").build();
            monitor.put(a);
            monitor.put(Target.builder("127.0.0.1", port).name("b").label("tier", "y").build());
            metrics.bindTo(registry);
            Meter first = registry.get("tcpshake.target.up").tag("target", "a").gauge();

            afterEvent(monitor, () -> monitor.put(a.toBuilder().interval(Duration.ofSeconds(30)).build()));
            assertSame(first, registry.get("tcpshake.target.up").tag("target", "a").gauge(), "timing only: same meter");

            afterEvent(monitor, () -> monitor.put(a.toBuilder().label("tier", "z").build()));
            Meter relabelled = registry.get("tcpshake.target.up").tag("target", "a").tag("tier", "z").gauge();
            assertEquals(List.of(), registry.find("tcpshake.checks").tag("tier", "x").meters(), "old tags gone");

            afterEvent(monitor, () -> monitor.put(Target.builder("127.0.0.1", port + 1).name("a").label("tier", "z").build()));
            assertNotSame(relabelled, registry.get("tcpshake.target.up").tag("target", "a").gauge(),
                    "another endpoint: fresh meters, counters from zero");
            assertEquals(20, registry.getMeters().size(), "two targets, ten meters each, nothing left over");
        }
    }

    /** Runs {@code change} and waits until the monitor's one event for it reached every listener. */
    private static void afterEvent(Monitor monitor, Runnable change) throws InterruptedException {
        CountDownLatch heard = new CountDownLatch(1);
        MonitorListener last = new MonitorListener() {
            @Override
            public void onTargetChanged(Target previous, Target current) {
                heard.countDown();
            }
        };
        monitor.addListener(last);
        change.run();
        assertTrue(heard.await(10, TimeUnit.SECONDS), "the monitor reported the change");
        monitor.removeListener(last);
    }

    @Test
    void aRegistryThatRefusesAMeterCostsOnlyThatTargetThere() throws Exception {
        // Refuses the timer, which comes after the gauge and the counters: "bad" is half registered.
        SimpleMeterRegistry refusing = new SimpleMeterRegistry() {
            @Override
            protected <T> FunctionTimer newFunctionTimer(Meter.Id id, T obj, ToLongFunction<T> count,
                    ToDoubleFunction<T> totalTime, TimeUnit unit) {
                if ("bad".equals(id.getTag("target"))) {
                    throw new IllegalArgumentException("refused for the test");
                }
                return super.newFunctionTimer(id, obj, count, totalTime, unit);
            }
        };
        try (LoopbackTargets loopback = new LoopbackTargets();
                Monitor monitor = Monitor.builder().build();
                TcpshakeMetrics metrics = new TcpshakeMetrics(monitor)) {
            InetSocketAddress refused = loopback.refusedAddress(LoopbackTargets.V4);
            monitor.put(fast(Target.builder("127.0.0.1", refused.getPort()).name("bad")));
            monitor.put(fast(Target.builder("127.0.0.1", refused.getPort()).name("good")));
            metrics.bindTo(refusing);
            monitor.start();

            await().atMost(WAIT).until(() -> refusing.get("tcpshake.target.up").tag("target", "good").gauge()
                    .value() == 0.0);
            assertEquals(null, refusing.find("tcpshake.check.duration").tag("target", "bad").functionTimer());
            monitor.remove("bad");
            await().atMost(WAIT).until(() -> refusing.find("tcpshake.target.up").tag("target", "bad").meters()
                    .isEmpty());
            assertEquals(List.of(), refusing.getMeters().stream()
                    .filter(meter -> "bad".equals(meter.getId().getTag("target"))).collect(Collectors.toList()),
                    "the half-registered target's meters are all gone with it");
            assertEquals(10, refusing.getMeters().stream()
                    .filter(meter -> "good".equals(meter.getId().getTag("target"))).count(),
                    "the other target has all its meters: up, 6 outcomes, timer, last duration, state changes");
        }
    }

    @Test
    void jmxRegistryShowsTheSameMetersUnderItsOwnNames() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        JmxMeterRegistry jmx = new JmxMeterRegistry(JmxConfig.DEFAULT, Clock.SYSTEM);
        try (LoopbackTargets loopback = new LoopbackTargets();
                Monitor monitor = Monitor.builder().build();
                TcpshakeMetrics metrics = new TcpshakeMetrics(monitor)) {
            LoopbackTargets.UpListener db = loopback.upListener(LoopbackTargets.V4);
            monitor.put(fast(Target.builder("127.0.0.1", db.address().getPort()).name("db").label("tier", "db")));
            monitor.start();
            metrics.bindTo(jmx);

            ObjectName up = new ObjectName("metrics:name=tcpshakeTargetUp.target.db.tier.db,type=gauges");
            await().atMost(WAIT).until(() -> server.isRegistered(up)
                    && ((Number) server.getAttribute(up, "Value")).doubleValue() == 1.0);
            Set<String> names = new TreeSet<>();
            for (ObjectName name : server.queryNames(new ObjectName("metrics:name=tcpshake*,*"), null)) {
                names.add(name.getKeyProperty("name") + " " + name.getKeyProperty("type"));
            }
            assertEquals(new TreeSet<>(List.of(
                    "tcpshakeCheckDuration.target.db.tier.db timers",
                    "tcpshakeCheckLastDuration.target.db.tier.db gauges",
                    "tcpshakeChecks.outcome.error.target.db.tier.db meters",
                    "tcpshakeChecks.outcome.refused.target.db.tier.db meters",
                    "tcpshakeChecks.outcome.resolve_failed.target.db.tier.db meters",
                    "tcpshakeChecks.outcome.timeout.target.db.tier.db meters",
                    "tcpshakeChecks.outcome.unreachable.target.db.tier.db meters",
                    "tcpshakeChecks.outcome.up.target.db.tier.db meters",
                    "tcpshakeTargetStateChanges.target.db.tier.db meters",
                    "tcpshakeTargetUp.target.db.tier.db gauges")), names);
        } finally {
            jmx.close();
        }
    }

    /** Fails with the whole text when one of {@code expected} is not in it. */
    private static void assertContainsAll(String text, String... expected) {
        for (String part : expected) {
            assertTrue(text.contains(part), "no " + part + " in:\n" + text);
        }
    }

    private static Target fast(Target.Builder builder) {
        return builder.interval(Duration.ofMillis(100)).timeout(Duration.ofMillis(500)).rise(1).fall(1)
                .initialDelay(Duration.ZERO).build();
    }
}
