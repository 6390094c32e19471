package io.tcpshake.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The host:port parser and formatter, on a table of inputs. No lookups: names stay unresolved. */
class HostPortTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "127.0.0.1:80            | 127.0.0.1 | 80    | 127.0.0.1:80",
            "10.0.0.5:5432           | 10.0.0.5  | 5432  | 10.0.0.5:5432",
            "' 127.0.0.1:1 '         | 127.0.0.1 | 1     | 127.0.0.1:1",
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
}
