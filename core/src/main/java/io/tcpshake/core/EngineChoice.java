package io.tcpshake.core;

/** Which engine a {@link Checker} should use. */
public enum EngineChoice {
    /** Epoll where it can load (Linux with JNA), NIO otherwise; the reason is in {@link EngineInfo}. */
    AUTO,
    /** Epoll or fail: {@link Checker.Builder#build()} throws when it cannot load. */
    EPOLL,
    /** The pure-JDK NIO engine, even where epoll would work. */
    NIO,
    /**
     * The raw-socket engine (Linux, CAP_NET_RAW): SYNs built by the checker, answers read from raw
     * sockets, no socket per check. Never chosen by {@link #AUTO}. Where it cannot run (no CAP_NET_RAW),
     * the checker uses what {@link #AUTO} would and {@link EngineInfo#fallbackReason()} says why.
     */
    RAW
}
