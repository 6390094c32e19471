package io.tcpshake.core.monitor;

/** Which of a name's addresses a target checks, and when the target counts as up. */
public enum AddressPolicy {
    /** The first address the resolver returns (after the IP preference); the default. */
    FIRST,
    /** Every address; the target is up when any address is up. */
    ANY,
    /** Every address; the target is up only when all addresses are up. */
    ALL
}
