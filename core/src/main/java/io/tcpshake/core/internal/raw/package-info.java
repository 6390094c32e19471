/**
 * The raw-socket engine of the {@code Checker} (Linux, CAP_NET_RAW, {@code EngineChoice.RAW}): SYNs built
 * by the checker and sent on a raw socket, answers read through BPF filters and matched to their checks
 * by address, port and sequence number; no socket per check. Never chosen by {@code EngineChoice.AUTO};
 * see {@link io.tcpshake.core.internal.raw.RawEngine}. Not library API (see
 * {@code io.tcpshake.core.internal.engine}).
 */
package io.tcpshake.core.internal.raw;
