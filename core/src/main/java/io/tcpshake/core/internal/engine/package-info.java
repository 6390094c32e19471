/**
 * What the {@code Checker}'s engines share: the loop's task queue and deadlines, the record of a check in
 * flight, the hand-over of results off the loop, and the native engines' loop ({@code NativeLoopEngine}). Not
 * library API: public only so that {@code Checker} and the engines in {@code internal.epoll},
 * {@code internal.raw} and {@code internal.nio} reach it across packages; left out of the javadoc, and may
 * change in any release.
 */
package io.tcpshake.core.internal.engine;
