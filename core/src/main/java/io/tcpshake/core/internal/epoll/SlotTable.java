package io.tcpshake.core.internal.epoll;

import io.tcpshake.core.internal.engine.PendingCheck;
import java.util.Arrays;

/**
 * The engine's sockets by slot number: each slot holds one descriptor and, while a check runs on it, that
 * check. A slot's generation changes whenever its descriptor goes away, and the epoll data word of a
 * descriptor is its {@link #token} (generation and slot), never the raw fd: fd numbers are reused at
 * once, so an event queued for a closed descriptor is recognised by its old generation and ignored.
 *
 * <p>A pooled socket keeps its slot (and token) across the many checks it serves; the loop tells an event
 * of its current check from one of an earlier check by {@link #startedInWait}. Loop thread only.
 */
final class SlotTable {
    /** The data word of the wake-up eventfd: slot 0xffffffff is never allocated. */
    static final long WAKE_TOKEN = -1L;

    private PendingCheck[] checks = new PendingCheck[64];
    private int[] fds = filled(64, -1);
    private int[] generations = new int[64];
    private SocketPool[] pools = new SocketPool[64];
    private int[] localPorts = new int[64];
    private long[] startedInWait = new long[64];
    private int[] free = new int[64];
    private int freeCount;
    private int highWater;

    /**
     * Takes a free slot for {@code fd}: a socket of {@code pool} bound to {@code localPort} for good (0 when
     * the kernel picks a port per connect), or with {@code pool} null a socket of one check.
     */
    int allocate(int fd, SocketPool pool, int localPort) {
        int slot;
        if (freeCount > 0) {
            slot = free[--freeCount];
        } else {
            slot = highWater++;
            if (slot == fds.length) {
                grow();
            }
        }
        fds[slot] = fd;
        pools[slot] = pool;
        localPorts[slot] = localPort;
        return slot;
    }

    /** The slot's descriptor is gone (closed): a new generation, so its old events are ignored. */
    void release(int slot) {
        fds[slot] = -1;
        checks[slot] = null;
        pools[slot] = null;
        localPorts[slot] = 0;
        generations[slot]++;
        free[freeCount++] = slot;
    }

    /** The epoll data word for the slot's current descriptor. */
    long token(int slot) {
        return ((long) generations[slot] << 32) | (slot & 0xffffffffL);
    }

    /** The slot a data word names, or -1 when it names a descriptor that was closed since. */
    int slotOf(long token) {
        int slot = (int) token;
        if (slot < 0 || slot >= highWater || generations[slot] != (int) (token >>> 32) || fds[slot] < 0) {
            return -1;
        }
        return slot;
    }

    /** {@code check} now runs on the slot; its connect was issued after epoll_wait number {@code wait}. */
    void begin(int slot, PendingCheck check, long wait) {
        checks[slot] = check;
        startedInWait[slot] = wait;
    }

    /** The check of the slot is done; returns it. */
    PendingCheck end(int slot) {
        PendingCheck check = checks[slot];
        checks[slot] = null;
        return check;
    }

    PendingCheck check(int slot) {
        return checks[slot];
    }

    /** Every descriptor held in a slot now, in slot order. */
    int[] openFds() {
        int[] open = new int[highWater];
        int n = 0;
        for (int slot = 0; slot < highWater; slot++) {
            if (fds[slot] >= 0) {
                open[n++] = fds[slot];
            }
        }
        return Arrays.copyOf(open, n);
    }

    int fd(int slot) {
        return fds[slot];
    }

    boolean pooled(int slot) {
        return pools[slot] != null;
    }

    /** The pool the slot's socket belongs to; null for a socket of one check. */
    SocketPool pool(int slot) {
        return pools[slot];
    }

    /** The port the slot's socket is bound to for good, or 0 when the kernel picks one per connect. */
    int localPort(int slot) {
        return localPorts[slot];
    }

    long startedInWait(int slot) {
        return startedInWait[slot];
    }

    /** One past the highest slot ever used: the range to scan at shutdown. */
    int highWater() {
        return highWater;
    }

    private void grow() {
        int length = fds.length * 2;
        checks = Arrays.copyOf(checks, length);
        int old = fds.length;
        fds = Arrays.copyOf(fds, length);
        Arrays.fill(fds, old, length, -1);
        generations = Arrays.copyOf(generations, length);
        pools = Arrays.copyOf(pools, length);
        localPorts = Arrays.copyOf(localPorts, length);
        startedInWait = Arrays.copyOf(startedInWait, length);
        free = Arrays.copyOf(free, length);
    }

    private static int[] filled(int length, int value) {
        int[] array = new int[length];
        Arrays.fill(array, value);
        return array;
    }
}
