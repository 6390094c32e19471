/**
 * Half-open TCP checks: {@link io.tcpshake.core.Checker} makes them (SYN, SYN-ACK, RST) and returns
 * {@link io.tcpshake.core.CheckResult}s; {@link io.tcpshake.core.Endpoint} is a target's address, parsed
 * once by the grammar of {@link io.tcpshake.core.HostPort}. The {@code Monitor} that checks targets on a
 * schedule is in {@link io.tcpshake.core.monitor}.
 *
 * <p>How a target travels from targets.yaml to the outputs: {@code Endpoint} and
 * {@link io.tcpshake.core.monitor.TargetSettings} are read from the file, make a
 * {@link io.tcpshake.core.monitor.Target}, which the {@code Monitor} checks and publishes in its
 * snapshots; every output shows {@code target.endpoint()} as it is. The repository's
 * {@code docs/architecture.md} names each file on the way. The packages under
 * {@code io.tcpshake.core.internal} are the engines' and not API.
 */
package io.tcpshake.core;
