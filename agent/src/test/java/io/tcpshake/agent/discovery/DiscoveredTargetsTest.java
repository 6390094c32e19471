package io.tcpshake.agent.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tcpshake.core.monitor.TargetSettings;
import io.tcpshake.core.HostPort;
import io.tcpshake.core.monitor.LatencySummary;
import io.tcpshake.core.monitor.MonitorSnapshot;
import io.tcpshake.core.monitor.Target;
import io.tcpshake.core.monitor.TargetSnapshot;
import io.tcpshake.core.monitor.TargetSource;
import io.tcpshake.core.monitor.TargetState;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which connected endpoints become targets, what they are named, and when they go. */
class DiscoveredTargetsTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final InetSocketAddress DB = HostPort.parse("10.0.0.5:5432");
    private static final InetSocketAddress CACHE = HostPort.parse("[::1]:7777");
    private static final DiscoverySettings SETTINGS = settings(EndpointFilter.ALL, 100);

    @TempDir
    Path dir;
    private DiscoveredTargets found;
    private final List<String> log = new ArrayList<>();

    @BeforeEach
    void hostsFile() throws Exception {
        Path hosts = Files.writeString(dir.resolve("hosts"), "127.0.0.1 localhost\n# a comment\n10.0.0.5 db.internal db\n");
        found = new DiscoveredTargets(hosts, (level, message) -> log.add(level + " " + message));
    }

    @Test
    void connectedEndpointBecomesATargetNamedAfterItsServiceAndHostsName() {
        assertTrue(found.update(Set.of(DB), T0, SETTINGS, monitor()));

        Target target = found.targets(SETTINGS).get(0);
        assertEquals("postgresql@db.internal:5432", target.name());
        assertEquals("10.0.0.5:5432", target.endpoint().toString());
        assertEquals(TargetSource.DISCOVERED, target.source());
        assertEquals(Map.of("service", "postgresql"), target.labels());
        assertEquals(Map.of("postgresql@db.internal:5432", T0), found.lastSeen());
        assertEquals(List.of("INFO tcpshake: discovered a dependency: postgresql@db.internal:5432 (10.0.0.5:5432), "
                + "checking it every 10s"), log);
        found.update(Set.of(DB), T0.plusSeconds(10), SETTINGS, monitor());
        assertEquals(1, log.size(), "logged once, when first seen");
    }

    @Test
    void endpointWithoutAKnownNameOrPortKeepsItsAddress() {
        found.update(Set.of(CACHE), T0, SETTINGS, monitor());

        Target target = found.targets(SETTINGS).get(0);
        assertEquals("[::1]:7777", target.name());
        assertEquals(Map.of(), target.labels());
    }

    @Test
    void anEndpointAFileTargetChecksIsNotCheckedTwice() {
        Target file = Target.builder("10.0.0.5", 5432).name("database").build();

        assertFalse(found.update(Set.of(DB), T0, SETTINGS, monitor(snapshot(file, TargetState.UP))));
        assertEquals(List.of(), found.targets(SETTINGS));
    }

    @Test
    void overMaxTargetsIsCountedNotChecked() {
        DiscoverySettings one = settings(EndpointFilter.ALL, 1);

        found.update(Set.of(DB, CACHE), T0, one, monitor());
        found.update(Set.of(DB, CACHE), T0.plusSeconds(10), one, monitor());

        assertEquals(1, found.targets(one).size());
        assertEquals(1, found.overLimit());
        assertEquals(1, log.stream().filter(line -> line.startsWith("WARNING tcpshake: discovery found more endpoints "
                + "than discovery.max_targets (1): ")).count(), "logged once: " + log);
    }

    @Test
    void aLowerMaxTargetsDropsTheLatestFound() {
        found.update(Set.of(DB), T0, SETTINGS, monitor());
        found.update(Set.of(DB, CACHE), T0.plusSeconds(10), SETTINGS, monitor());
        DiscoverySettings one = settings(EndpointFilter.ALL, 1);

        assertTrue(found.update(Set.of(DB, CACHE), T0.plusSeconds(20), one, monitor()));

        assertEquals(List.of("postgresql@db.internal:5432"), names(found.targets(one)));
        assertEquals(1, found.overLimit(), "the dropped one is connected, over the limit");
    }

    @Test
    void excludedEndpointIsLeftOut() {
        DiscoverySettings noPostgres = settings(new EndpointFilter(List.of(), List.of(EndpointRule.parse("5432"))), 100);

        found.update(Set.of(DB, CACHE), T0, noPostgres, monitor());

        assertEquals(List.of("[::1]:7777"), names(found.targets(noPostgres)));
    }

    @Test
    void anUpEndpointNotConnectedForForgetAfterIsDroppedAndADownOneStays() {
        found.update(Set.of(DB, CACHE), T0, SETTINGS, monitor());
        MonitorSnapshot dbUpCacheDown = monitor(snapshot(named("postgresql@db.internal:5432"), TargetState.UP),
                snapshot(named("[::1]:7777"), TargetState.DOWN));

        assertFalse(found.update(Set.of(), T0.plus(Duration.ofMinutes(9)), SETTINGS, dbUpCacheDown), "not yet");
        assertTrue(found.update(Set.of(), T0.plus(Duration.ofMinutes(10)), SETTINGS, dbUpCacheDown));

        assertEquals(List.of("[::1]:7777"), names(found.targets(SETTINGS)));
    }

    @Test
    void aConnectionSeenAgainKeepsTheTarget() {
        found.update(Set.of(DB), T0, SETTINGS, monitor());
        MonitorSnapshot up = monitor(snapshot(found.targets(SETTINGS).get(0), TargetState.UP));

        found.update(Set.of(DB), T0.plus(Duration.ofMinutes(8)), SETTINGS, up);
        found.update(Set.of(), T0.plus(Duration.ofMinutes(12)), SETTINGS, up);

        assertEquals(1, found.targets(SETTINGS).size());
        assertEquals(T0.plus(Duration.ofMinutes(8)), found.lastSeen().get("postgresql@db.internal:5432"));
    }

    @Test
    void discoveredTargetsGetTheDiscoverySettings() {
        DiscoverySettings settings = new DiscoverySettings(true, Duration.ofSeconds(10), EndpointFilter.ALL, 100,
                Duration.ofMinutes(10), TargetSettings.DEFAULTS);
        found.update(Set.of(DB), T0, settings, monitor());

        assertEquals(TargetSettings.DEFAULT_INTERVAL, found.targets(settings).get(0).interval());
    }

    @Test
    void besideTheFileADiscoveredTargetOfTheSameNameOrAddressIsLeftOut() {
        Target file = Target.builder("10.0.0.5", 5432).name("db").build();
        Target sameAddress = Target.builder("10.0.0.5", 5432).name("postgresql@10.0.0.5:5432")
                .source(TargetSource.DISCOVERED).build();
        Target sameName = Target.builder("10.0.0.6", 5432).name("db").source(TargetSource.DISCOVERED).build();
        Target other = Target.builder("10.0.0.7", 5432).source(TargetSource.DISCOVERED).build();

        assertEquals(List.of(file, other), Discovery.beside(List.of(file), List.of(sameAddress, sameName, other)));
    }

    private Target named(String name) {
        return found.targets(SETTINGS).stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    private static DiscoverySettings settings(EndpointFilter filter, int maxTargets) {
        return new DiscoverySettings(true, Duration.ofSeconds(10), filter, maxTargets, Duration.ofMinutes(10),
                TargetSettings.DEFAULTS);
    }

    private static MonitorSnapshot monitor(TargetSnapshot... targets) {
        return new MonitorSnapshot(T0, List.of(targets), 0, 0);
    }

    private static TargetSnapshot snapshot(Target target, TargetState state) {
        return new TargetSnapshot(target, state, T0, null, null, null, 0, Map.of(), 0, LatencySummary.EMPTY,
                List.of());
    }

    private static List<String> names(List<Target> targets) {
        return targets.stream().map(Target::name).collect(Collectors.toCollection(ArrayList::new));
    }
}
