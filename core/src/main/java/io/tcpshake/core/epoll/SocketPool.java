package io.tcpshake.core.epoll;

import java.util.Arrays;

/**
 * The idle sockets of one address family, by slot: each is non-blocking, SO_LINGER {1, 0}, in state CLOSE
 * and registered with epoll once. A zero-linger check borrows one and gives it back after its disconnect,
 * so the steady state creates, registers and closes no socket.
 *
 * <p>The pool grows to the checks in flight and shrinks when they fall: at each trim it keeps as many
 * sockets as the peak in flight since the previous trim, and at least {@link #KEEP_IDLE} idle ones.
 * Loop thread only.
 */
final class SocketPool {
    static final int KEEP_IDLE = 4;

    private int[] idle = new int[16];
    private int idleCount;
    private int inUse;
    private int peakInUse;

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
