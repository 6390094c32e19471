package io.tcpshake.core.monitor;

/** Which family of a name's addresses to prefer. */
public enum IpPreference {
    /** The resolver's order. */
    SYSTEM,
    /** IPv4 addresses first (only IPv4 when the name has some). */
    IPV4,
    /** IPv6 addresses first (only IPv6 when the name has some). */
    IPV6
}
