package io.tcpshake.core;

/** The implementation a {@link Checker} uses for its half-open checks. */
public enum EngineKind {
    /** Linux: non-blocking sockets on one epoll loop, through JNA direct mapping. */
    EPOLL,
    /** The JDK alone: NIO channels on a Selector, with TCP_QUICKACK off where the JDK has it and linger 0. */
    NIO,
    /** Linux with CAP_NET_RAW: hand-built SYNs on a raw socket, no socket per check; opt-in only. */
    RAW
}
