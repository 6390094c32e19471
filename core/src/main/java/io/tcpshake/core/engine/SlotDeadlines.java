package io.tcpshake.core.engine;

import java.util.Arrays;

/**
 * The deadlines of in-flight checks, keyed by the engine's slot number: an indexed binary min-heap on
 * primitive arrays, so adding, removing and finding the earliest deadline allocate nothing and a check
 * that completes early leaves no stale entry behind. Loop thread only.
 */
public final class SlotDeadlines {
    private long[] deadlines = new long[64];
    private int[] slots = new int[64];
    /** Heap position of each slot, -1 when the slot has no deadline. */
    private int[] positions = filled(64);
    private int size;

    /** Sets {@code slot}'s deadline; the slot must not have one. */
    public void add(int slot, long deadlineNanos) {
        ensureSlot(slot);
        if (size == deadlines.length) {
            deadlines = Arrays.copyOf(deadlines, size * 2);
            slots = Arrays.copyOf(slots, size * 2);
        }
        int at = size++;
        deadlines[at] = deadlineNanos;
        slots[at] = slot;
        positions[slot] = at;
        siftUp(at);
    }

    /** Removes {@code slot}'s deadline if it has one. */
    public void remove(int slot) {
        if (slot >= positions.length) {
            return;
        }
        int at = positions[slot];
        if (at < 0) {
            return;
        }
        positions[slot] = -1;
        int last = --size;
        if (at != last) {
            move(last, at);
            siftDown(at);
            siftUp(at);
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
        return slots[0];
    }

    /** The earliest deadline, or {@code Long.MAX_VALUE} when empty. */
    public long earliestDeadline() {
        return size == 0 ? Long.MAX_VALUE : deadlines[0];
    }

    private void ensureSlot(int slot) {
        if (slot >= positions.length) {
            int old = positions.length;
            positions = Arrays.copyOf(positions, Math.max(slot + 1, old * 2));
            Arrays.fill(positions, old, positions.length, -1);
        }
    }

    private void siftUp(int at) {
        while (at > 0) {
            int parent = (at - 1) >>> 1;
            if (deadlines[parent] - deadlines[at] <= 0) {
                return;
            }
            swap(at, parent);
            at = parent;
        }
    }

    private void siftDown(int at) {
        while (true) {
            int left = 2 * at + 1;
            if (left >= size) {
                return;
            }
            int right = left + 1;
            int child = right < size && deadlines[right] - deadlines[left] < 0 ? right : left;
            if (deadlines[at] - deadlines[child] <= 0) {
                return;
            }
            swap(at, child);
            at = child;
        }
    }

    private void move(int from, int to) {
        deadlines[to] = deadlines[from];
        slots[to] = slots[from];
        positions[slots[to]] = to;
    }

    private void swap(int a, int b) {
        long deadline = deadlines[a];
        int slot = slots[a];
        deadlines[a] = deadlines[b];
        slots[a] = slots[b];
        deadlines[b] = deadline;
        slots[b] = slot;
        positions[slots[a]] = a;
        positions[slots[b]] = b;
    }

    private static int[] filled(int length) {
        int[] array = new int[length];
        Arrays.fill(array, -1);
        return array;
    }
}
