/**
 * The Linux engine of the {@code Checker}: non-blocking sockets on one epoll loop through JNA direct
 * mapping, zero-linger checks on pooled sockets reused with {@code connect(AF_UNSPEC)}. Chosen by
 * {@code EngineChoice.AUTO} wherever {@link io.tcpshake.core.internal.epoll.EpollEngine#unavailabilityCause()} is
 * null; see {@link io.tcpshake.core.internal.epoll.EpollEngine} for how it works and why it never takes an event
 * for the wrong check.
 */
package io.tcpshake.core.internal.epoll;
