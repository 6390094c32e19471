package io.tcpshake.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** A target's address as a value: parsed once, the host kept as written, the IP of a literal ready to check. */
class EndpointTest {
    @Test
    void aLiteralKeepsItsSpellingAndIsCheckedAtItsAddressWithoutLookup() throws Exception {
        Endpoint endpoint = Endpoint.parse("[0:0:0:0:0:0:0:1]:6379");

        assertEquals("0:0:0:0:0:0:0:1", endpoint.host());
        assertEquals(6379, endpoint.port());
        assertEquals("[0:0:0:0:0:0:0:1]:6379", endpoint.toString());
        assertFalse(endpoint.isName());
        InetSocketAddress checked = endpoint.socketAddress();
        assertFalse(checked.isUnresolved());
        assertEquals(InetAddress.getByName("::1"), checked.getAddress());
        assertEquals(6379, checked.getPort());
    }

    @Test
    void anIpv4LiteralIsCheckedAtTheAddressItsTextParsesTo() throws Exception {
        for (String host : new String[] {"127.0.0.1", "10.255.0.7", "255.255.255.255", "0.0.0.0", "::ffff:127.0.0.2"}) {
            Endpoint endpoint = Endpoint.of(host, 80);
            InetSocketAddress expected = new InetSocketAddress(InetAddress.getByName(host), 80);
            assertFalse(endpoint.isName());
            assertEquals(expected, endpoint.socketAddress());
            assertEquals(expected.toString(), endpoint.socketAddress().toString());
            assertEquals(host, endpoint.host());
        }
    }

    @Test
    void aNameStaysUnresolvedUntilACheckResolvesIt() {
        Endpoint endpoint = Endpoint.parse("db.internal:5432");

        assertTrue(endpoint.isName());
        assertEquals("db.internal:5432", endpoint.toString());
        InetSocketAddress checked = endpoint.socketAddress();
        assertTrue(checked.isUnresolved());
        assertEquals("db.internal", checked.getHostString());
    }

    @Test
    void hostAndPortGivenApartMakeTheSameEndpointAsTheText() {
        assertEquals(Endpoint.parse("[::1]:6379"), Endpoint.of("[::1]", 6379));
        assertEquals(Endpoint.parse("[::1]:6379"), Endpoint.of("::1", 6379));
        assertEquals(Endpoint.parse("127.0.0.1:80").hashCode(), Endpoint.of("127.0.0.1", 80).hashCode());
        assertEquals("[::1]:6379", Endpoint.of("::1", 6379).toString());
    }

    @Test
    void badPartsAreRefusedWithWhatIsWrong() {
        assertEquals("host is empty: expected a host name or IP address, e.g. db.internal, 127.0.0.1 or ::1",
                assertThrows(IllegalArgumentException.class, () -> Endpoint.of("", 80)).getMessage());
        assertEquals("port 0 is out of range: expected 1..65535",
                assertThrows(IllegalArgumentException.class, () -> Endpoint.of("127.0.0.1", 0)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Endpoint.of("db:x", 80)).getMessage()
                .startsWith("invalid host 'db:x': 'db:x' in brackets is not an IPv6 address"));
        assertEquals("invalid address '127.0.0.1': no port: expected host:port, e.g. 127.0.0.1:5432",
                assertThrows(IllegalArgumentException.class, () -> Endpoint.parse("127.0.0.1")).getMessage());
    }

    @Test
    void theOneFormatBracketsIpv6AndTakesAnyPort() {
        assertEquals("[::]:0", HostPort.format("::", 0));
        assertEquals("0.0.0.0:9464", HostPort.format("0.0.0.0", 9464));
    }

    @Test
    void endpointsOfOneLiteralShareItsAddressWhileEachKeepsItsPort() {
        InetSocketAddress first = Endpoint.parse("127.0.0.7:5432").socketAddress();
        InetSocketAddress second = Endpoint.of("127.0.0.7", 6379).socketAddress();
        InetSocketAddress v6 = Endpoint.parse("[::1]:80").socketAddress();

        assertSame(first.getAddress(), second.getAddress());
        assertSame(v6.getAddress(), Endpoint.of("::1", 81).socketAddress().getAddress());
        assertEquals(5432, first.getPort());
        assertEquals(6379, second.getPort());
        assertEquals("127.0.0.7", second.getAddress().getHostAddress());
    }
}
