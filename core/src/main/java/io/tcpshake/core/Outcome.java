package io.tcpshake.core;

/**
 * What one half-open check found. The names follow what operators already know: HAProxy's layer-4
 * check results ({@link #haproxyCode()}) and blackbox_exporter's failure reasons.
 */
public enum Outcome {
    /** The target's kernel answered the SYN with a SYN-ACK: something listens there. */
    UP("L4OK"),
    /** The target answered with a RST: the host is there, nothing listens on the port. */
    REFUSED("L4CON"),
    /** No answer before the deadline: a drop, a full accept queue, or a host that is gone. */
    TIMEOUT("L4TOUT"),
    /** The network said the host or network cannot be reached (ICMP unreachable, no route). */
    UNREACHABLE("L4CON"),
    /** The host name could not be resolved to an address within the timeout. */
    RESOLVE_FAILED("L4CON"),
    /** The check itself could not be made (no free descriptor, a failing system call, ...). */
    ERROR("L4CON");

    private final String haproxyCode;

    Outcome(String haproxyCode) {
        this.haproxyCode = haproxyCode;
    }

    /** HAProxy's check status for this outcome: {@code L4OK}, {@code L4TOUT} or {@code L4CON}. */
    public String haproxyCode() {
        return haproxyCode;
    }

    /** The outcome as a metric label or JSON value: {@code up}, {@code refused}, ... */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Whether the target counts as up. */
    public boolean isUp() {
        return this == UP;
    }
}
