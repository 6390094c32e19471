/**
 * The {@link io.tcpshake.core.monitor.Monitor}: targets ({@link io.tcpshake.core.monitor.Target}, an
 * endpoint with its {@link io.tcpshake.core.monitor.TargetSettings}) checked on a schedule, up/down by
 * rise/fall, published as immutable snapshots and told to listeners off the checking loop.
 */
package io.tcpshake.core.monitor;
