package io.tcpshake.agent.config;

import static io.tcpshake.agent.config.Yaml.errors;
import static io.tcpshake.agent.config.Yaml.lines;
import static io.tcpshake.agent.config.Yaml.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code exporter.probe}: off unless given, and then only with an allow-list of networks. */
class ProbeConfigTest {
    @Test
    void probeIsOffWithoutItsBlock() throws Exception {
        assertTrue(parse(lines("exporter: {port: 0}", "targets: []")).exporter().probe().isEmpty());
    }

    @Test
    void allowListRateAndTimeoutAreRead() throws Exception {
        ProbeSettings probe = parse(lines("exporter:", "  probe:",
                "    allow: [10.0.0.0/8, \"10.1.2.3:5432\", \"[fd00::]/8:443\"]", "    rate: 500", "    timeout: 2s",
                "targets: []")).exporter().probe().orElseThrow();

        assertEquals(List.of("10.0.0.0/8", "10.1.2.3:5432", "[fd00::]/8:443"), probe.allow());
        assertEquals(500, probe.rate());
        assertEquals(Duration.ofSeconds(2), probe.timeout());
    }

    @Test
    void probeWithoutAnAllowListIsRefused() {
        assertEquals(List.of("targets.yaml:1:19: probe needs an allow list of the networks it may check, e.g. "
                + "allow: [10.0.0.0/8, \"192.168.1.5:5432\"] (there is no default: /probe sends SYNs where asked)"),
                errors(lines("exporter: {probe: {rate: 10}}", "targets: []")));
    }

    @Test
    void allowRuleThatNamesAHostOrABadNetworkIsRefusedWithItsPlace() {
        List<String> found = errors(lines("exporter:", "  probe: {allow: [db.internal, 10.0.0.0/40, \"10.0.0.1:0\"]}",
                "targets: []"));

        assertEquals(3, found.size(), found.toString());
        assertTrue(found.get(0).startsWith("targets.yaml:2:19: probe allow rule 'db.internal': 'db.internal' is not"
                + " an IP address (a rule names networks, never host names)"), found.get(0));
        assertTrue(found.get(1).contains("'10.0.0.0/40': the prefix length after '/' must be 0..32"), found.get(1));
        assertTrue(found.get(2).contains("port '0' is not 1..65535"), found.get(2));
    }
}
