package io.tcpshake.core;

/** Which engine a {@link Checker} should use. */
public enum EngineChoice {
    /** Epoll where it can load (Linux with JNA), NIO otherwise; the reason is in {@link EngineInfo}. */
    AUTO,
    /** Epoll or fail: {@link Checker.Builder#build()} throws when it cannot load. */
    EPOLL,
    /** The pure-JDK NIO engine, even where epoll would work. */
    NIO
}
