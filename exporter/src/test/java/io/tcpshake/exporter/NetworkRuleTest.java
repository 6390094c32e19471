package io.tcpshake.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tcpshake.core.HostPort;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The allow-list's rules on a table of addresses. */
class NetworkRuleTest {
    @ParameterizedTest(name = "{0} allows {1}: {2}")
    @CsvSource({
            "10.0.0.0/8, 10.200.1.2:5432, true",
            "10.0.0.0/8, 11.0.0.1:5432, false",
            "10.1.2.3:5432, 10.1.2.3:5432, true",
            "10.1.2.3:5432, 10.1.2.3:5433, false",
            "10.1.2.3, 10.1.2.3:1, true",
            "192.168.0.0/16:8000-8099, 192.168.7.7:8099, true",
            "192.168.0.0/16:8000-8099, 192.168.7.7:8100, false",
            "127.0.0.1/32, 127.0.0.2:80, false",
            "0.0.0.0/0, 8.8.8.8:53, true",
            "::1/128, [::1]:6379, true",
            "::1/128, 127.0.0.1:6379, false",
            "fd00::/8, [fd12::1]:443, true",
            "[fd00::]/8:443, [fd12::1]:443, true",
            "[fd00::]/8:443, [fd12::1]:444, false",
            "[::1]:6379, [::1]:6379, true",
            "127.0.0.0/8, [::1]:80, false",
    })
    void ruleAllowsAddressesOfItsNetworkAndPorts(String rule, String address, boolean allowed) {
        assertEquals(allowed, NetworkRule.parse(rule).allows(HostPort.parse(address)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"db.internal", "localhost:5432", "10.0.0.0/33", "10.0.0.0/", "10.0.0.1:0",
            "10.0.0.1:70000", "10.0.0.1:90-80", "[::1", "::1/129", "10.0.0.0/8:x", "10.0.0.0/8 ", ""})
    void malformedRuleIsRefusedWithAnExample(String rule) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NetworkRule.parse(rule));
        assertEquals(true, e.getMessage().contains("e.g. 10.0.0.0/8"), e.getMessage());
    }
}
