package io.tcpshake.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** Heap in use after full collections: what stays reachable, for heap-per-target figures. */
final class HeapMeter {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private HeapMeter() {
    }

    /** Heap used after three {@code System.gc()} calls (the lowest reading: garbage from the others is gone). */
    static long usedAfterGc() {
        long lowest = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            lowest = Math.min(lowest, MEMORY.getHeapMemoryUsage().getUsed());
        }
        return lowest;
    }
}
