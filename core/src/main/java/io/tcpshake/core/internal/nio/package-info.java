/**
 * The pure-JDK engine of the {@code Checker}, where epoll is not available: a non-blocking socket per
 * check on one {@code Selector}, {@code TCP_QUICKACK} off and linger 0. Not library API (see
 * {@code io.tcpshake.core.internal.engine}).
 */
package io.tcpshake.core.internal.nio;
