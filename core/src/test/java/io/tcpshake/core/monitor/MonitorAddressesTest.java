package io.tcpshake.core.monitor;

import static io.tcpshake.core.monitor.ScriptedChecks.address;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tcpshake.core.HostResolver;
import io.tcpshake.core.Outcome;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** ANY/ALL/FIRST over a name with two addresses, with scripted results per address. */
class MonitorAddressesTest {
    private final ManualMonitor m = new ManualMonitor();
    private volatile InetAddress[] twin = {address("127.0.0.1"), address("127.0.0.2")};
    private final HostResolver resolver = host -> twin.clone();

    @AfterEach
    void close() {
        m.close();
    }

    private Monitor start(AddressPolicy policy) {
        return m.start(m.builder().resolver(resolver), Target.builder("twin.test", 7000).name("twin")
                .addressPolicy(policy).interval(Duration.ofSeconds(1)).jitter(0).initialDelay(Duration.ZERO)
                .rise(2).fall(2).build());
    }

    private List<TargetState> subStates() {
        return m.snapshot("twin").addresses().stream().map(AddressSnapshot::state).collect(Collectors.toList());
    }

    @Test
    void anyIsUpWhileOneAddressIsUpAndKeepsASubStatePerAddress() {
        m.checks.answer("127.0.0.2", Outcome.REFUSED);
        start(AddressPolicy.ANY);
        m.time.advance(Duration.ofSeconds(2));

        TargetSnapshot snapshot = m.snapshot("twin");
        assertEquals(TargetState.UP, snapshot.state());
        assertEquals(List.of(TargetState.UP, TargetState.DOWN), subStates());
        assertEquals(address("127.0.0.2"), snapshot.addresses().get(1).address().getAddress());
        assertEquals(Outcome.REFUSED, snapshot.addresses().get(1).lastResult().outcome());
        assertEquals(3L, snapshot.checksByOutcome().get(Outcome.UP));
        assertEquals(3L, snapshot.checksByOutcome().get(Outcome.REFUSED));
        assertEquals(6, m.events.results.size(), "one result event per address checked");
    }

    @Test
    void allIsDownWhileOneAddressIsDownAndRisesWhenBothAre() {
        m.checks.answer("127.0.0.2", Outcome.REFUSED);
        start(AddressPolicy.ALL);
        m.time.runDue();
        assertEquals(TargetState.DOWN, m.snapshot("twin").state());
        assertEquals("127.0.0.2:7000", m.snapshot("twin").stateReason().addressText());

        m.checks.answer("127.0.0.2", Outcome.UP);
        m.time.advance(Duration.ofSeconds(1));
        assertEquals(TargetState.DOWN, m.snapshot("twin").state());
        m.time.advance(Duration.ofSeconds(1));

        assertEquals(TargetState.UP, m.snapshot("twin").state());
        assertEquals(List.of(TargetState.UP, TargetState.UP), subStates());
    }

    @Test
    void firstChecksOnlyTheFirstAddressAndHasNoSubStates() {
        m.checks.answer("127.0.0.2", Outcome.REFUSED);
        start(AddressPolicy.FIRST);
        m.time.advance(Duration.ofSeconds(2));

        assertEquals(TargetState.UP, m.snapshot("twin").state());
        assertTrue(m.checks.callTimes("127.0.0.2").isEmpty());
        assertTrue(m.snapshot("twin").addresses().isEmpty());
    }

    @Test
    void anAddressTheNameNoLongerHasLeavesTheSubStates() {
        start(AddressPolicy.ALL);
        m.time.runDue();
        assertEquals(2, m.snapshot("twin").addresses().size());

        twin = new InetAddress[] {address("127.0.0.2")};
        m.time.advance(Duration.ofSeconds(1));

        assertEquals(List.of(address("127.0.0.2")), m.snapshot("twin").addresses().stream()
                .map(a -> a.address().getAddress()).collect(Collectors.toList()));
    }
}
