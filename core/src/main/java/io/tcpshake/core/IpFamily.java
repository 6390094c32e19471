package io.tcpshake.core;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/** The IP family of a checked address; {@link #UNKNOWN} when no address was reached (resolution failed). */
public enum IpFamily {
    IPV4("ip4"),
    IPV6("ip6"),
    UNKNOWN("unknown");

    private final String label;

    IpFamily(String label) {
        this.label = label;
    }

    /** The family as blackbox_exporter's {@code probe_ip_protocol} spells it: {@code ip4} or {@code ip6}. */
    public String label() {
        return label;
    }

    /** The family of {@code address}, or {@link #UNKNOWN} for {@code null}. */
    public static IpFamily of(InetAddress address) {
        if (address instanceof Inet4Address) {
            return IPV4;
        }
        if (address instanceof Inet6Address) {
            return IPV6;
        }
        return UNKNOWN;
    }
}
