package io.tcpshake.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How results read: outcomes from errno, texts, families, HAProxy codes. */
class CheckResultTest {
    private static final InetSocketAddress V4 = new InetSocketAddress(InetAddress.getLoopbackAddress(), 5432);

    @Test
    void upReadsAsAddressOutcomeAndLatency() {
        CheckResult up = CheckResult.up(V4, 1_234_567);

        assertTrue(up.isUp());
        assertEquals(0, up.errno());
        assertEquals("OK", up.errnoName());
        assertEquals("", up.message());
        assertEquals(IpFamily.IPV4, up.family());
        assertEquals(Duration.ofNanos(1_234_567), up.latency());
        assertEquals("127.0.0.1:5432 UP 1.235ms", up.toString());
        assertEquals("L4OK", up.outcome().haproxyCode());
    }

    @ParameterizedTest(name = "errno {0}")
    @CsvSource({
            "111, REFUSED, ECONNREFUSED, Connection refused",
            "104, REFUSED, ECONNRESET, Connection reset by peer",
            "113, UNREACHABLE, EHOSTUNREACH, No route to host",
            "101, UNREACHABLE, ENETUNREACH, Network is unreachable",
            "110, TIMEOUT, ETIMEDOUT, Connection timed out",
            "24, ERROR, EMFILE, Too many open files",
            "22, ERROR, EINVAL, Invalid argument",
            "300, ERROR, errno 300, Unknown error 300",
    })
    void connectFailureOutcomeFollowsTheErrno(int errno, Outcome outcome, String name, String text) {
        CheckResult failed = CheckResult.connectFailed(V4, errno, 1_000_000);

        assertEquals(outcome, failed.outcome());
        assertEquals(errno, failed.errno());
        assertEquals(name, failed.errnoName());
        assertEquals(text, failed.message());
        assertFalse(failed.isUp());
        assertTrue(failed.toString().contains(name) && failed.toString().contains("(" + text + ")"), failed.toString());
    }

    @Test
    void timeoutNamesTheTimeoutNotTheTimeItHappenedToWait() {
        CheckResult timeout = CheckResult.timeout(V4, Duration.ofMillis(250).toNanos(), Duration.ofMillis(253).toNanos());

        assertEquals(Outcome.TIMEOUT, timeout.outcome());
        assertEquals("ETIMEDOUT", timeout.errnoName());
        assertEquals("no SYN-ACK within 250 ms", timeout.message());
        assertEquals(Duration.ofMillis(253), timeout.latency());
        assertEquals("L4TOUT", timeout.outcome().haproxyCode());
    }

    @Test
    void resolveFailureKeepsTheNameAndHasNoFamily() {
        InetSocketAddress unresolved = InetSocketAddress.createUnresolved("db.invalid", 5432);
        CheckResult failed = CheckResult.resolveFailed(unresolved, "unknown host: db.invalid", 5);

        assertEquals(IpFamily.UNKNOWN, failed.family());
        assertEquals("db.invalid:5432", failed.addressText());
        assertEquals(0, failed.errno());
        assertTrue(failed.toString().startsWith("db.invalid:5432 RESOLVE_FAILED"), failed.toString());
    }

    @Test
    void ipv6AddressesReadCompressedInBrackets() throws Exception {
        CheckResult up = CheckResult.up(new InetSocketAddress(InetAddress.getByName("::1"), 6379), 1);

        assertEquals(IpFamily.IPV6, up.family());
        assertEquals("ip6", up.family().label());
        assertEquals("[::1]:6379", up.addressText());
    }
}
