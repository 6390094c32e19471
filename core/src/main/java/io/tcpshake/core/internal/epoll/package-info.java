/**
 * The Linux engine of the {@code Checker}: non-blocking sockets on one epoll loop through JNA direct
 * mapping, zero-linger checks on pooled sockets reused with {@code connect(AF_UNSPEC)}. Chosen by
 * {@code EngineChoice.AUTO} wherever {@link io.tcpshake.core.internal.epoll.EpollEngine#unavailabilityCause()} is
 * null; see {@link io.tcpshake.core.internal.epoll.EpollEngine} for how it works and why it never takes an event
 * for the wrong check. Not library API (see {@code io.tcpshake.core.internal.engine}); benchmarks use
 * {@code EpollEngine} to measure the engine on its own.
 */
package io.tcpshake.core.internal.epoll;
