package io.tcpshake.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tcpshake.agent.discovery.DiscoverySettings;
import io.tcpshake.core.HostPort;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The discovery: block of targets.yaml and its agent options. */
class DiscoveryConfigTest {
    @Test
    void withoutTheBlockDiscoveryIsOff() throws Exception {
        assertEquals(DiscoverySettings.OFF, parse("targets: []\n", Map.of()).discovery());
    }

    @Test
    void anEmptyBlockTurnsItOnWithTheDefaults() throws Exception {
        DiscoverySettings discovery = parse("defaults: {interval: 30s, labels: {env: prod}}\ntargets: []\n"
                + "discovery: {}\n", Map.of()).discovery();

        assertTrue(discovery.enabled());
        assertEquals(Duration.ofSeconds(10), discovery.interval());
        assertEquals(100, discovery.maxTargets());
        assertEquals(Duration.ofMinutes(10), discovery.forgetAfter());
        assertEquals(Duration.ofSeconds(30), discovery.targets().interval(), "the file's defaults apply");
        assertEquals(Map.of("env", "prod"), discovery.targets().labels());
    }

    @Test
    void everyKeyIsRead() throws Exception {
        DiscoverySettings discovery = parse("defaults: {labels: {env: prod}}\ntargets: []\ndiscovery:\n"
                + "  interval: 5s\n  include: [\"10.0.0.0/8\", \"5432\"]\n  exclude: [\"10.9.0.0/16\"]\n"
                + "  max_targets: 20\n  forget_after: 1h\n  defaults: {interval: 2s, rise: 1, labels: {origin: found}}\n",
                Map.of()).discovery();

        assertEquals(Duration.ofSeconds(5), discovery.interval());
        assertEquals(20, discovery.maxTargets());
        assertEquals(Duration.ofHours(1), discovery.forgetAfter());
        assertEquals(Duration.ofSeconds(2), discovery.targets().interval());
        assertEquals(1, discovery.targets().rise());
        assertEquals(Map.of("env", "prod", "origin", "found"), discovery.targets().labels());
        assertTrue(discovery.filter().accepts(HostPort.parse("10.1.1.1:5432")));
        assertFalse(discovery.filter().accepts(HostPort.parse("10.9.1.1:5432")));
        assertFalse(discovery.filter().accepts(HostPort.parse("10.1.1.1:80")));
    }

    @Test
    void agentOptionsSetIt() throws Exception {
        DiscoverySettings discovery = parse("targets: []\n", Map.of("discovery", "true",
                "discovery.interval", "2s", "discovery.defaults.timeout", "300ms")).discovery();

        assertTrue(discovery.enabled());
        assertEquals(Duration.ofSeconds(2), discovery.interval());
        assertEquals(Duration.ofMillis(300), discovery.targets().timeout());
        assertFalse(parse("targets: []\ndiscovery: {}\n", Map.of("discovery", "false")).discovery().enabled());
    }

    @Test
    void errorsNameTheLineAndWhatIsExpected() {
        ConfigException e = assertThrows(ConfigException.class, () -> parse("targets: []\ndiscovery:\n"
                + "  include: [db.internal]\n  max_target: 5\n  forget_after: 10\n", Map.of()));

        assertEquals(List.of("targets.yaml:3:13: discovery.include: 'db.internal' is not an address block "
                        + "(10.0.0.0/8, ::1), a port (5432) or a port range (8000-8999)",
                "targets.yaml:4:3: unknown key 'max_target' (did you mean 'max_targets'?)",
                "targets.yaml:5:17: forget_after '10' has no unit: write 10s or 10ms (units: ms, s, m, h)"),
                e.errors());
    }

    private static AgentConfig parse(String yaml, Map<String, String> options) throws ConfigException {
        return ConfigLoader.parse(yaml, "targets.yaml", options, Map.of());
    }
}
