package io.tcpshake.core.internal.raw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tcpshake.core.CheckResult;
import io.tcpshake.core.Checker;
import io.tcpshake.core.Errno;
import io.tcpshake.core.Outcome;
import io.tcpshake.core.testing.LoopbackTargets;
import io.tcpshake.core.testing.LoopbackTargets.UpListener;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The outcome table of the raw engine on loopback, IPv4 and IPv6: what the epoll engine gives, the same. */
class RawEngineOutcomeTest {
    @AutoClose
    private final LoopbackTargets targets = new LoopbackTargets();
    @AutoClose
    private Checker checker;

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void listeningPortIsUpAndTheListenerAcceptsNothing(String ip) throws Exception {
        checker = RawEngineUnderTest.started();
        UpListener listener = targets.upListener(InetAddress.getByName(ip));

        CheckResult result = check(listener.address(), Duration.ofSeconds(1));

        assertEquals(Outcome.UP, result.outcome(), result.toString());
        assertEquals(0, result.errno());
        assertTrue(result.latencyNanos() > 0, "latency " + result.latencyNanos());
        assertTrue(listener.acceptedNothing(), "the listener's accept() found a connection");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void closedPortIsRefusedWithEconnrefused(String ip) throws Exception {
        checker = RawEngineUnderTest.started();
        InetSocketAddress refused = targets.refusedAddress(InetAddress.getByName(ip));

        CheckResult result = check(refused, Duration.ofSeconds(5));

        assertEquals(Outcome.REFUSED, result.outcome(), result.toString());
        assertEquals(Errno.ECONNREFUSED, result.errno());
        assertEquals("Connection refused", result.message());
        assertTrue(result.latencyNanos() < TimeUnit.MILLISECONDS.toNanos(100), result.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void silentPortTimesOutAtTheDeadline(String ip) throws Exception {
        checker = RawEngineUnderTest.started();
        InetSocketAddress silent = targets.timeoutAddress(InetAddress.getByName(ip));

        CheckResult result = check(silent, Duration.ofMillis(200));

        assertEquals(Outcome.TIMEOUT, result.outcome(), result.toString());
        assertEquals(Errno.ETIMEDOUT, result.errno());
        assertEquals("no SYN-ACK within 200 ms", result.message());
        long millis = TimeUnit.NANOSECONDS.toMillis(result.latencyNanos());
        assertTrue(millis >= 200 && millis < 400, "timed out after " + millis + " ms");
    }

    private CheckResult check(InetSocketAddress address, Duration timeout) throws Exception {
        return checker.checkAsync(address, timeout).get(10, TimeUnit.SECONDS);
    }
}
