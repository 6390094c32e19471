package io.tcpshake.core.monitor;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Which of a name's addresses a round checks: the IP preference first, then the address policy. */
final class AddressSelection {
    private AddressSelection() {
    }

    /** The addresses to check, in order; empty when {@code resolved} has none. */
    static List<InetAddress> select(InetAddress[] resolved, IpPreference preference, AddressPolicy policy) {
        Set<InetAddress> unique = new LinkedHashSet<>();
        for (InetAddress address : resolved) {
            if (address != null) {
                unique.add(address);
            }
        }
        List<InetAddress> chosen = new ArrayList<>(unique);
        if (preference == IpPreference.IPV4) {
            chosen = onlyIfAny(chosen, Inet4Address.class);
        } else if (preference == IpPreference.IPV6) {
            chosen = onlyIfAny(chosen, Inet6Address.class);
        }
        if (policy == AddressPolicy.FIRST && chosen.size() > 1) {
            return List.of(chosen.get(0));
        }
        return chosen;
    }

    private static List<InetAddress> onlyIfAny(List<InetAddress> addresses, Class<? extends InetAddress> family) {
        List<InetAddress> matching = new ArrayList<>();
        for (InetAddress address : addresses) {
            if (family.isInstance(address)) {
                matching.add(address);
            }
        }
        return matching.isEmpty() ? addresses : matching;
    }
}
