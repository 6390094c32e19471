package io.tcpshake.core;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tcpshake.core.testing.LoopbackTargets;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.AutoClose;

/** Bad input to a running checker: IllegalArgumentException naming the value, and the loop goes on. */
class CheckerInputTest {
    @AutoClose
    private final LoopbackTargets targets = new LoopbackTargets();
    @AutoClose
    private Checker checker;

    @ForEachEngine
    void badAddressesAndTimeoutsAreRejectedNamingTheValue(EngineChoice engine) throws Exception {
        checker = EngineUnderTest.started(engine);
        Duration second = Duration.ofSeconds(1);

        assertRejected("nohost", () -> checker.checkAddr("nohost", second));
        assertRejected("70000", () -> checker.checkAddr("127.0.0.1:70000", second));
        assertRejected("'x'", () -> checker.checkAddr("127.0.0.1:x", second));
        assertRejected("null", () -> checker.checkAddr(null, second));
        assertRejected("::1", () -> checker.checkAddr("::1:80", second));
        assertRejected("null", () -> checker.checkAsync(null, second));
        assertRejected("port 0", () -> checker.checkAsync(new InetSocketAddress(LoopbackTargets.V4, 0), second));
        assertRejected("PT-1S", () -> checker.checkAddr("127.0.0.1:80", Duration.ofSeconds(-1)));
        assertRejected("PT0S", () -> checker.checkAddr("127.0.0.1:80", Duration.ZERO));
        assertRejected("null", () -> checker.checkAsync(new InetSocketAddress(LoopbackTargets.V4, 80), null));
        assertRejected("PT48H is longer than PT24H", () -> checker.checkAddr("127.0.0.1:80", Duration.ofDays(2)));
        assertRejected("is longer than PT24H", () -> checker.checkAddr("127.0.0.1:80", Duration.ofDays(200_000)));
        assertRejected("U+0665", () -> checker.checkAddr("127.0.0.1:\u0665\u0664", second));

        InetSocketAddress refused = targets.refusedAddress(LoopbackTargets.V4);
        assertTrue(checker.isReady(), "bad input stopped the loop");
        ConnectFailedException stillChecking = assertThrows(ConnectFailedException.class,
                () -> checker.checkAddr(HostPort.format(refused), second));
        assertTrue(stillChecking.result().outcome() == Outcome.REFUSED, stillChecking.getMessage());
    }

    @ForEachEngine
    void anUnresolvedNameBreakingARuleIsRefusedBeforeTheResolverIsAsked(EngineChoice engine) throws Exception {
        java.util.List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        checker = EngineUnderTest.started(EngineUnderTest.builder(engine).resolver(host -> {
            asked.add(host);
            throw new java.net.UnknownHostException(host);
        }));
        Duration second = Duration.ofSeconds(1);

        assertRejected("character 1 is a space", () -> checker.checkAsync(
                InetSocketAddress.createUnresolved(" db.internal", 5432), second));
        assertRejected("character 12 is a line break", () -> checker.checkAsync(
                InetSocketAddress.createUnresolved("db.internal\n", 5432), second));
        assertRejected("at most 253", () -> checker.checkAsync(
                InetSocketAddress.createUnresolved("a.".repeat(127) + "a", 5432), second));

        assertTrue(asked.isEmpty(), "the resolver was asked for " + asked);
    }

    private static void assertRejected(String named, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException rejected = assertThrows(IllegalArgumentException.class, call);
        assertTrue(rejected.getMessage().contains(named),
                "the message '" + rejected.getMessage() + "' does not name '" + named + "'");
    }
}
