package io.tcpshake.core.internal.epoll;

import java.net.InetAddress;
import java.util.Arrays;

/**
 * The idle sockets of one address family and local address, by slot: each is non-blocking, SO_LINGER
 * {1, 0}, in state CLOSE and registered with epoll once. A zero-linger check borrows one and gives it back
 * after its disconnect, so the steady state creates, registers and closes no socket.
 *
 * <p>The sockets of a {@linkplain #bound() bound} pool each hold its {@link #source()} address and a port of
 * their own for good (see {@link SocketPools}); those of an unbound pool take both from the kernel at every
 * connect.
 *
 * <p>The pool grows to the checks in flight and shrinks when they fall: at each trim it keeps as many
 * sockets as the peak in flight since the previous trim, and at least {@link #KEEP_IDLE} idle ones.
 * Loop thread only.
 */
final class SocketPool {
    static final int KEEP_IDLE = 4;

    private final int family;
    private final InetAddress source;
    private int[] idle = new int[16];
    private int idleCount;
    private int inUse;
    private int peakInUse;
    private long lastUsedNanos;
    private boolean retired;

    /** @param source the local address of its sockets, or null for sockets the kernel binds per connect */
    SocketPool(int family, InetAddress source) {
        this.family = family;
        this.source = source;
    }

    int family() {
        return family;
    }

    /** The local address its sockets are bound to, or null when unbound. */
    InetAddress source() {
        return source;
    }

    boolean bound() {
        return source != null;
    }

    /** A check starts on one of its sockets now. */
    void usedAt(long nowNanos) {
        lastUsedNanos = nowNanos;
    }

    /** Whether no check has used it since {@code nanos} ago and none runs on it now. */
    boolean unusedFor(long nanos, long nowNanos) {
        return inUse == 0 && nowNanos - lastUsedNanos > nanos;
    }

    /** Removes every idle socket and returns their slots (for the caller to close); the pool is no longer used. */
    int[] retire() {
        retired = true;
        int[] removed = Arrays.copyOf(idle, idleCount);
        idleCount = 0;
        return removed;
    }

    /** Whether it was retired: a socket coming back to it is closed instead. */
    boolean retired() {
        return retired;
    }

    /** An idle socket's slot (most recently used first: its cache lines are warm), or -1 when none. */
    int borrow() {
        if (idleCount == 0) {
            return -1;
        }
        inUse++;
        if (inUse > peakInUse) {
            peakInUse = inUse;
        }
        return idle[--idleCount];
    }

    /** A socket just created for a check (the pool had none idle). */
    void created() {
        inUse++;
        if (inUse > peakInUse) {
            peakInUse = inUse;
        }
    }

    /** The check is done and the socket back in CLOSE: idle again. */
    void giveBack(int slot) {
        inUse--;
        if (idleCount == idle.length) {
            idle = Arrays.copyOf(idle, idleCount * 2);
        }
        idle[idleCount++] = slot;
    }

    /** The check is done and its socket was closed (state unclear after an error). */
    void discarded() {
        inUse--;
    }

    /** Whether more than a few sockets are idle: a trim is worth scheduling. */
    boolean oversized() {
        return idleCount > KEEP_IDLE;
    }

    /**
     * Removes the idle sockets beyond what the last period needed and returns their slots (for the caller
     * to close), then starts a new period.
     */
    int[] trim() {
        int keepIdle = Math.max(KEEP_IDLE, peakInUse - inUse);
        int excess = idleCount - keepIdle;
        peakInUse = inUse;
        if (excess <= 0) {
            return new int[0];
        }
        // The oldest idle sockets (bottom of the stack) go; the warm ones stay.
        int[] removed = Arrays.copyOfRange(idle, 0, excess);
        System.arraycopy(idle, excess, idle, 0, idleCount - excess);
        idleCount -= excess;
        return removed;
    }
}
