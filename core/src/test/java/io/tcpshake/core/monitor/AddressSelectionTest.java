package io.tcpshake.core.monitor;

import static io.tcpshake.core.monitor.ScriptedChecks.address;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class AddressSelectionTest {
    private final InetAddress[] mixed = {address("::1"), address("127.0.0.1"), address("127.0.0.2"), address("127.0.0.1")};

    @Test
    void firstTakesTheFirstAddressInResolverOrder() {
        assertEquals(List.of(address("::1")), AddressSelection.select(mixed, IpPreference.SYSTEM, AddressPolicy.FIRST));
    }

    @Test
    void ipv4PreferenceKeepsOnlyIpv4WhenThereIsSome() {
        assertEquals(List.of(address("127.0.0.1"), address("127.0.0.2")),
                AddressSelection.select(mixed, IpPreference.IPV4, AddressPolicy.ALL));
        assertEquals(List.of(address("127.0.0.1")), AddressSelection.select(mixed, IpPreference.IPV4, AddressPolicy.FIRST));
    }

    @Test
    void ipv6PreferenceFallsBackToIpv4WhenThereIsNoIpv6() {
        InetAddress[] v4only = {address("127.0.0.2"), address("127.0.0.1")};
        assertEquals(List.of(address("127.0.0.2")), AddressSelection.select(v4only, IpPreference.IPV6, AddressPolicy.FIRST));
    }

    @Test
    void anyAndAllCheckEveryAddressOnce() {
        assertEquals(List.of(address("::1"), address("127.0.0.1"), address("127.0.0.2")),
                AddressSelection.select(mixed, IpPreference.SYSTEM, AddressPolicy.ANY));
    }
}
