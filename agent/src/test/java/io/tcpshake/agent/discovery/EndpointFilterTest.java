package io.tcpshake.agent.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tcpshake.core.HostPort;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** discovery.include and exclude: address blocks, ports and port ranges. */
class EndpointFilterTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "10.0.0.0/8      | 10.1.2.3:5432   | true",
        "10.0.0.0/8      | 11.1.2.3:5432   | false",
        "127.0.0.1       | 127.0.0.1:80    | true",
        "127.0.0.1       | 127.0.0.2:80    | false",
        "0.0.0.0/0       | 192.0.2.1:80    | true",
        "0.0.0.0/0       | [::1]:80        | false",
        "::1             | [::1]:6379      | true",
        "fd00::/8        | [fd12::1]:6379  | true",
        "fd00::/8        | [fe80::1]:6379  | false",
        "5432            | 10.1.2.3:5432   | true",
        "5432            | 10.1.2.3:5433   | false",
        "8000-8999       | 10.1.2.3:8080   | true",
        "8000-8999       | 10.1.2.3:9000   | false"})
    void ruleMatches(String rule, String endpoint, boolean matches) {
        assertEquals(matches, EndpointRule.parse(rule).matches(HostPort.parse(endpoint)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "db.internal  | 'db.internal' is not an address block (10.0.0.0/8, ::1), a port (5432) or a port range (8000-8999)",
        "10.0.0.0/33  | '10.0.0.0/33' has a prefix length that is not 0..32",
        "0            | port 0 in '0' is out of range: expected 1..65535",
        "9000-8000    | port range '9000-8000' ends before it starts: expected e.g. 8000-8999"})
    void badRuleSaysWhatIsExpected(String rule, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> EndpointRule.parse(rule)).getMessage());
    }

    @Test
    void includeNeedsAnAddressAndAPortOfItsListsAndExcludeWins() {
        EndpointFilter filter = new EndpointFilter(rules("10.0.0.0/8", "127.0.0.0/8", "5432", "6379"),
                rules("10.9.0.0/16", "22"));

        assertTrue(filter.accepts(HostPort.parse("10.1.1.1:5432")));
        assertTrue(filter.accepts(HostPort.parse("127.0.0.1:6379")));
        assertFalse(filter.accepts(HostPort.parse("10.1.1.1:80")), "port not included");
        assertFalse(filter.accepts(HostPort.parse("192.168.1.1:5432")), "address not included");
        assertFalse(filter.accepts(HostPort.parse("10.9.1.1:5432")), "address excluded");
    }

    @Test
    void noRulesTakeEverything() {
        assertTrue(EndpointFilter.ALL.accepts(HostPort.parse("[::1]:1")));
        assertFalse(new EndpointFilter(List.of(), rules("1-65535")).accepts(HostPort.parse("[::1]:1")));
    }

    private static List<EndpointRule> rules(String... rules) {
        return Stream.of(rules).map(EndpointRule::parse).collect(Collectors.toList());
    }
}
