package io.tcpshake.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The host:port parser and formatter, on a table of inputs. No lookups: names stay unresolved. */
class HostPortTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "127.0.0.1:80            | 127.0.0.1 | 80    | 127.0.0.1:80",
            "10.0.0.5:5432           | 10.0.0.5  | 5432  | 10.0.0.5:5432",
            "[::1]:80                | ::1       | 80    | [::1]:80",
            "[fe80::1%1]:80          | fe80::1%1 | 80    | [fe80::1%1]:80",
            "127.0.0.1:65535         | 127.0.0.1 | 65535 | 127.0.0.1:65535",
            "[::1]:6379              | ::1       | 6379  | [::1]:6379",
            "[0:0:0:0:0:0:0:1]:6379  | ::1       | 6379  | [::1]:6379",
            "[fe80::1]:22            | fe80::1   | 22    | [fe80::1]:22",
            "[2001:db8::7:0:0:1]:443 | 2001:db8::7:0:0:1 | 443 | [2001:db8::7:0:0:1]:443",
            "[::ffff:10.1.2.3]:80    | 10.1.2.3  | 80    | 10.1.2.3:80",
    })
    void ipLiteralsParseResolvedWithoutLookup(String text, String ip, int port, String formatted) throws Exception {
        InetSocketAddress address = HostPort.parse(text);

        assertFalse(address.isUnresolved(), "a literal is resolved at once");
        assertEquals(InetAddress.getByName(ip), address.getAddress());
        assertEquals(port, address.getPort());
        assertEquals(formatted, HostPort.format(address));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "localhost:8080     | localhost     | 8080",
            "db.internal:5432   | db.internal   | 5432",
            "my-host:1          | my-host       | 1",
            "1.2.3:80           | 1.2.3         | 80",
            "256.1.1.1:80       | 256.1.1.1     | 80",
    })
    void hostNamesStayUnresolved(String text, String host, int port) {
        InetSocketAddress address = HostPort.parse(text);

        assertTrue(address.isUnresolved(), "a name is resolved per check, not by the parser");
        assertEquals(host, address.getHostString());
        assertEquals(port, address.getPort());
        assertEquals(host + ":" + port, HostPort.format(address));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "127.0.0.1", "127.0.0.1:", "127.0.0.1:0", "127.0.0.1:65536", "127.0.0.1:99999", "127.0.0.1:-1",
            "127.0.0.1:http", "127.0.0.1:8o", ":80", "::1", "::1:80", "[::1]", "[::1]80", "[::1:80",
            "[127.0.0.1]:80", "[db.internal]:80", "[]:80", "fe80::1:22", "127.0.0.1:123456",
    })
    void malformedInputIsRejectedNamingTheValue(String text) {
        IllegalArgumentException rejected = assertThrows(IllegalArgumentException.class, () -> HostPort.parse(text));

        assertTrue(rejected.getMessage().contains("'" + text + "'"), rejected.getMessage());
    }

    @ParameterizedTest
    @NullAndEmptySource
    void nullOrEmptyIsRejected(String text) {
        IllegalArgumentException rejected = assertThrows(IllegalArgumentException.class, () -> HostPort.parse(text));

        assertTrue(rejected.getMessage().contains(text == null ? "null" : "''"), rejected.getMessage());
    }

    @Test
    void ipv6WithoutBracketsSuggestsTheBracketedForm() {
        IllegalArgumentException rejected = assertThrows(IllegalArgumentException.class,
                () -> HostPort.parse("fe80::1:22"));

        assertTrue(rejected.getMessage().contains("[fe80::1]:22"), rejected.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {0, -1, 65536, Integer.MAX_VALUE})
    void portsOutsideTheTcpRangeAreRejected(int port) {
        IllegalArgumentException rejected = assertThrows(IllegalArgumentException.class,
                () -> HostPort.requirePort(port));

        assertTrue(rejected.getMessage().contains("port " + port), rejected.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "::1                 | ::1",
            "::                  | ::",
            "1::                 | 1::",
            "2001:db8:0:0:1:0:0:1 | 2001:db8::1:0:0:1",
            "2001:0:0:1:0:0:0:1  | 2001:0:0:1::1",
            "1:0:1:0:1:0:1:0     | 1:0:1:0:1:0:1:0",
            "FE80:0:0:0:0:0:0:ABCD | fe80::abcd",
    })
    void ipv6IsFormattedAsRfc5952(String ip, String expected) throws Exception {
        assertEquals(expected, HostPort.compressedIpv6(InetAddress.getByName(ip).getAddress()));
    }

    static Stream<Arguments> addressesBreakingARule() {
        return Stream.of(
                Arguments.of("127.0.0.1:\u0665\u0664", "character 11 is U+0665 ARABIC-INDIC DIGIT FIVE: write the digits in ASCII, 0-9"),
                Arguments.of("127.0.0.1:\uff18\uff10", "character 11 is U+FF18 FULLWIDTH DIGIT EIGHT: write the digits in ASCII"),
                Arguments.of("\uff11\uff12\uff17.0.0.1:80", "character 1 is U+FF11 FULLWIDTH DIGIT ONE"),
                Arguments.of(" 127.0.0.1:80", "character 1 is a space: an address has no spaces or control characters"),
                Arguments.of("127.0.0.1:80 ", "character 13 is a space"),
                Arguments.of("\t127.0.0.1:80", "character 1 is a tab"),
                Arguments.of("127.0.0.1:80\n", "character 13 is a line break"),
                Arguments.of("db.internal :5432", "character 12 is a space"),
                Arguments.of("b\u00fccher.de:80", "character 2 is U+00FC LATIN SMALL LETTER U WITH DIAERESIS: an address is "
                        + "ASCII; write an international name in its xn-- form ('xn--bcher-kva.de:80')"),
                Arguments.of("a".repeat(1 << 20) + ":80", "it is longer than 260 characters"),
                Arguments.of(name(254) + ":80", "the host name is 254 characters long: at most 253"),
                Arguments.of("a".repeat(64) + ".example:80", " is 64 characters long: at most 63 between dots"),
                Arguments.of("db..internal:80", "empty label"),
                Arguments.of(".db:80", "empty label"),
                Arguments.of("-db:80", "label '-db' starts or ends with '-'"),
                Arguments.of("db/1:80", "character 3 is '/': a host name is letters, digits"),
                Arguments.of("010.0.0.1:80", "'010' in 010.0.0.1 has a leading zero"),
                Arguments.of("[fe80::1%abcdefghijklmnop]:80", "zone 'abcdefghijklmnop' after '%' is not an interface"),
                Arguments.of("[fe80::1%]:80", "zone '' after '%' is not an interface"),
                Arguments.of("[fe80::1%nosuch0]:80", "no such interface nosuch0"),
                Arguments.of("[" + "1:".repeat(30) + "1]:80", "in brackets is not an IPv6 address"),
                Arguments.of("127.0.0.1:0", "port 0 is out of range 1..65535"),
                Arguments.of("127.0.0.1:65536", "port 65536 is out of range 1..65535"),
                Arguments.of("127.0.0.1:99999999999", "port 99999999999 is out of range 1..65535"),
                Arguments.of("127.0.0.1:+80", "port '+80' is not a number in 1..65535"),
                Arguments.of("127.0.0.1:-1", "port '-1' is not a number in 1..65535"),
                Arguments.of("127.0.0.1:080", "port '080' has a leading zero"),
                Arguments.of(":80", "no host before the port"),
                Arguments.of("[]:80", "no host before the port"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("addressesBreakingARule")
    void addressBreakingARuleIsRefusedNamingTheRuleOnOneShortLine(String text, String rule) {
        IllegalArgumentException rejected = assertThrows(IllegalArgumentException.class, () -> HostPort.parse(text));

        String message = rejected.getMessage();
        assertTrue(message.startsWith("invalid address '"), message);
        assertTrue(message.contains(rule), message);
        assertFalse(message.contains("\n") || message.contains("\r"), message);
        assertTrue(message.length() < 400, () -> "an error shows a bounded part of the value: " + message.length());
    }

    @Test
    void longestHostNameAndLabelAreAccepted() {
        InetSocketAddress address = HostPort.parse(name(253) + ":80");
        InetSocketAddress label = HostPort.parse("a".repeat(63) + ".example.:80");

        assertEquals(name(253), address.getHostString());
        assertEquals("a".repeat(63) + ".example.", label.getHostString());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {" db", "db ", "d\tb", "\u0661.0.0.1", "db..internal", "[fe80::1%abcdefghijklmnop]"})
    void aHostGivenAloneFollowsTheSameRules(String host) {
        IllegalArgumentException rejected = assertThrows(IllegalArgumentException.class,
                () -> HostPort.requireHost(host));

        assertTrue(rejected.getMessage().startsWith("invalid host '"), rejected.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"db.internal | db.internal", "::1 | ::1", "[::1] | ::1",
            "127.0.0.1 | 127.0.0.1", "fe80::1%eth0 | fe80::1%eth0"})
    void aHostGivenAloneIsReturnedWithoutBrackets(String host, String expected) {
        assertEquals(expected, HostPort.requireHost(host));
    }

    @Test
    void aHostOfAMegabyteIsRefusedWithoutRepeatingIt() {
        IllegalArgumentException rejected = assertThrows(IllegalArgumentException.class,
                () -> HostPort.requireHost("a".repeat(1 << 20)));

        assertTrue(rejected.getMessage().length() < 200, rejected.getMessage());
    }

    /** A host name of {@code length} characters in labels of at most 63. */
    private static String name(int length) {
        StringBuilder name = new StringBuilder();
        while (name.length() < length) {
            if (name.length() > 0) {
                name.append('.');
            }
            name.append("a".repeat(Math.min(63, length - name.length())));
        }
        return name.toString();
    }
}
