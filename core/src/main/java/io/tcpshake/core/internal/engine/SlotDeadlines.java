package io.tcpshake.core.internal.engine;

import java.util.Arrays;

/**
 * The deadlines of in-flight checks, keyed by the engine's slot number. Loop thread only; nothing here
 * allocates per check.
 *
 * <p>Checks mostly share one timeout, so their deadlines arrive in order: those go to the tail of a FIFO
 * ring, and a check that completes before its deadline (nearly all of them) is removed by forgetting it
 * (its entry goes stale and is dropped when it reaches the head), with no heap work at all. A deadline
 * earlier than the FIFO's tail (a shorter timeout than the checks before it) goes to an indexed binary
 * min-heap instead. The earliest deadline is the earlier of the two heads.
 */
public final class SlotDeadlines {
    private static final byte NONE = 0;
    private static final byte IN_FIFO = 1;
    private static final byte IN_HEAP = 2;

    // Per slot: where its deadline is, and which add it was (a FIFO entry of an earlier add is stale).
    private byte[] where = new byte[64];
    private int[] stamps = new int[64];
    private int size;

    // The FIFO ring of in-order deadlines; entries may be stale.
    private long[] fifoDeadlines = new long[64];
    private int[] fifoSlots = new int[64];
    private int[] fifoStamps = new int[64];
    private int fifoHead;
    private int fifoCount;
    private int fifoLive;

    // The heap of out-of-order deadlines.
    private long[] heapDeadlines = new long[16];
    private int[] heapSlots = new int[16];
    /** Heap position of each slot in the heap. */
    private int[] positions = new int[64];
    private int heapSize;

    /**
     * Makes room for slots 0 to {@code slots} - 1 with deadlines all at once, out of order or not, so that they
     * are added without growing: arrays of that size, where growing by doubling would leave them up to half
     * unused (131,072 entries for 100,000 slots). The in-order ring still grows by doubling when it must.
     */
    public void reserve(int slots) {
        if (slots > where.length) {
            where = Arrays.copyOf(where, slots);
            stamps = Arrays.copyOf(stamps, slots);
            positions = Arrays.copyOf(positions, slots);
        }
        if (slots > heapDeadlines.length) {
            heapDeadlines = Arrays.copyOf(heapDeadlines, slots);
            heapSlots = Arrays.copyOf(heapSlots, slots);
        }
    }

    /** Sets {@code slot}'s deadline; the slot must not have one. */
    public void add(int slot, long deadlineNanos) {
        ensureSlot(slot);
        int stamp = ++stamps[slot];
        size++;
        if (fifoLive == 0 || deadlineNanos - fifoTailDeadline() >= 0) {
            if (fifoLive == 0) {
                fifoHead = 0;
                fifoCount = 0; // every entry is stale: start the ring afresh
            } else if (fifoCount == fifoSlots.length) {
                makeRoom();
            }
            int at = (fifoHead + fifoCount++) & (fifoSlots.length - 1);
            fifoDeadlines[at] = deadlineNanos;
            fifoSlots[at] = slot;
            fifoStamps[at] = stamp;
            fifoLive++;
            where[slot] = IN_FIFO;
        } else {
            heapAdd(slot, deadlineNanos);
            where[slot] = IN_HEAP;
        }
    }

    /** Removes {@code slot}'s deadline if it has one. */
    public void remove(int slot) {
        if (slot >= where.length) {
            return;
        }
        byte place = where[slot];
        if (place == NONE) {
            return;
        }
        where[slot] = NONE;
        size--;
        if (place == IN_FIFO) {
            fifoLive--; // its entry is stale now and is dropped when it reaches the head
        } else {
            heapRemove(slot);
        }
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public int size() {
        return size;
    }

    /** The slot with the earliest deadline; only when not empty. */
    public int earliestSlot() {
        dropStaleHeads();
        if (heapSize == 0 || (fifoLive > 0 && fifoDeadlines[fifoHead] - heapDeadlines[0] <= 0)) {
            return fifoSlots[fifoHead];
        }
        return heapSlots[0];
    }

    /** The earliest deadline, or {@code Long.MAX_VALUE} when empty. */
    public long earliestDeadline() {
        if (size == 0) {
            return Long.MAX_VALUE;
        }
        dropStaleHeads();
        if (heapSize == 0) {
            return fifoDeadlines[fifoHead];
        }
        if (fifoLive == 0) {
            return heapDeadlines[0];
        }
        long fifo = fifoDeadlines[fifoHead];
        long heap = heapDeadlines[0];
        return fifo - heap <= 0 ? fifo : heap;
    }

    private boolean isLive(int at) {
        int slot = fifoSlots[at];
        return where[slot] == IN_FIFO && stamps[slot] == fifoStamps[at];
    }

    private void dropStaleHeads() {
        if (fifoLive == 0) {
            fifoCount = 0;
            return;
        }
        int mask = fifoSlots.length - 1;
        while (!isLive(fifoHead)) {
            fifoHead = (fifoHead + 1) & mask;
            fifoCount--;
        }
    }

    private long fifoTailDeadline() {
        return fifoDeadlines[(fifoHead + fifoCount - 1) & (fifoSlots.length - 1)];
    }

    /**
     * The ring is full. When stale entries are at least half of it (a long check at the head keeps them
     * in), squeeze them out in place: entries move towards the head in ring order, each write behind the
     * next read, so nothing is allocated and at least half the ring is free again. Otherwise double it.
     * Either way the order stays, and the cost is amortised over the adds that filled it.
     */
    private void makeRoom() {
        int capacity = fifoSlots.length;
        int mask = capacity - 1;
        if (fifoLive <= capacity / 2) {
            int kept = 0;
            for (int i = 0; i < fifoCount; i++) {
                int from = (fifoHead + i) & mask;
                if (isLive(from)) {
                    int to = (fifoHead + kept) & mask;
                    fifoDeadlines[to] = fifoDeadlines[from];
                    fifoSlots[to] = fifoSlots[from];
                    fifoStamps[to] = fifoStamps[from];
                    kept++;
                }
            }
            fifoCount = kept;
            return;
        }
        long[] deadlines = new long[capacity * 2];
        int[] slots = new int[capacity * 2];
        int[] entryStamps = new int[capacity * 2];
        for (int i = 0; i < fifoCount; i++) {
            int from = (fifoHead + i) & mask;
            deadlines[i] = fifoDeadlines[from];
            slots[i] = fifoSlots[from];
            entryStamps[i] = fifoStamps[from];
        }
        fifoDeadlines = deadlines;
        fifoSlots = slots;
        fifoStamps = entryStamps;
        fifoHead = 0;
    }

    private void ensureSlot(int slot) {
        if (slot >= where.length) {
            int length = Math.max(slot + 1, where.length * 2);
            where = Arrays.copyOf(where, length);
            stamps = Arrays.copyOf(stamps, length);
            positions = Arrays.copyOf(positions, length);
        }
    }

    private void heapAdd(int slot, long deadlineNanos) {
        if (heapSize == heapDeadlines.length) {
            heapDeadlines = Arrays.copyOf(heapDeadlines, heapSize * 2);
            heapSlots = Arrays.copyOf(heapSlots, heapSize * 2);
        }
        int at = heapSize++;
        heapDeadlines[at] = deadlineNanos;
        heapSlots[at] = slot;
        positions[slot] = at;
        siftUp(at);
    }

    private void heapRemove(int slot) {
        int at = positions[slot];
        int last = --heapSize;
        if (at != last) {
            move(last, at);
            siftDown(at);
            siftUp(at);
        }
    }

    private void siftUp(int at) {
        while (at > 0) {
            int parent = (at - 1) >>> 1;
            if (heapDeadlines[parent] - heapDeadlines[at] <= 0) {
                return;
            }
            swap(at, parent);
            at = parent;
        }
    }

    private void siftDown(int at) {
        while (true) {
            int left = 2 * at + 1;
            if (left >= heapSize) {
                return;
            }
            int right = left + 1;
            int child = right < heapSize && heapDeadlines[right] - heapDeadlines[left] < 0 ? right : left;
            if (heapDeadlines[at] - heapDeadlines[child] <= 0) {
                return;
            }
            swap(at, child);
            at = child;
        }
    }

    private void move(int from, int to) {
        heapDeadlines[to] = heapDeadlines[from];
        heapSlots[to] = heapSlots[from];
        positions[heapSlots[to]] = to;
    }

    private void swap(int a, int b) {
        long deadline = heapDeadlines[a];
        int slot = heapSlots[a];
        heapDeadlines[a] = heapDeadlines[b];
        heapSlots[a] = heapSlots[b];
        heapDeadlines[b] = deadline;
        heapSlots[b] = slot;
        positions[heapSlots[a]] = a;
        positions[heapSlots[b]] = b;
    }
}
