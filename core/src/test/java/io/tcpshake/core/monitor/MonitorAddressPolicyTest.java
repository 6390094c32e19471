package io.tcpshake.core.monitor;

import static io.tcpshake.core.monitor.ScriptedChecks.address;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tcpshake.core.Checker;
import io.tcpshake.core.HostResolver;
import io.tcpshake.core.Outcome;
import io.tcpshake.core.testing.LoopbackTargets;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * ANY and ALL with the real checker: a name that an injected resolver maps to 127.0.0.1, where a listener
 * runs, and 127.0.0.2, where nothing listens on that port (both are on lo).
 */
class MonitorAddressPolicyTest {
    private final LoopbackTargets loopback = new LoopbackTargets();
    private final HostResolver twin = host -> new InetAddress[] {address("127.0.0.1"), address("127.0.0.2")};

    @AfterEach
    void close() throws Exception {
        loopback.close();
    }

    private TargetSnapshot settle(AddressPolicy policy, int port) {
        try (Monitor monitor = Monitor.builder().checker(Checker.builder()).resolver(twin).build()) {
            monitor.put(Target.builder("twin.test", port).name("twin").addressPolicy(policy)
                    .interval(Duration.ofMillis(50)).initialDelay(Duration.ZERO).rise(1).fall(1).build());
            monitor.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> monitor.snapshot("twin").orElseThrow().checks() >= 4);
            return monitor.snapshot("twin").orElseThrow();
        }
    }

    @Test
    void anyIsUpWithOneAddressUpAndOneRefused() throws Exception {
        LoopbackTargets.UpListener listener = loopback.upListener(address("127.0.0.1"));

        TargetSnapshot snapshot = settle(AddressPolicy.ANY, listener.address().getPort());

        assertEquals(TargetState.UP, snapshot.state());
        assertEquals(List.of("127.0.0.1 UP", "127.0.0.2 DOWN"), subStates(snapshot));
        assertEquals(Outcome.REFUSED, snapshot.addresses().get(1).lastResult().outcome());
        assertTrue(listener.acceptedNothing());
    }

    @Test
    void allIsDownWithOneAddressRefusedAndSaysWhich() throws Exception {
        LoopbackTargets.UpListener listener = loopback.upListener(address("127.0.0.1"));

        TargetSnapshot snapshot = settle(AddressPolicy.ALL, listener.address().getPort());

        assertEquals(TargetState.DOWN, snapshot.state());
        assertEquals(List.of("127.0.0.1 UP", "127.0.0.2 DOWN"), subStates(snapshot));
        assertEquals(Outcome.REFUSED, snapshot.stateReason().outcome());
        assertEquals(address("127.0.0.2"), snapshot.stateReason().address().getAddress());
        assertTrue(listener.acceptedNothing());
    }

    private static List<String> subStates(TargetSnapshot snapshot) {
        return snapshot.addresses().stream()
                .map(a -> a.address().getAddress().getHostAddress() + " " + a.state())
                .collect(Collectors.toList());
    }
}
