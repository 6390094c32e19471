package io.tcpshake.bench;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads this process's CPU time and the heap its threads allocated, so an in-process scenario can be
 * charged what it used.
 *
 * <p>Allocation is counted per thread: for every thread alive at the end, what it allocated since the
 * start (all of it when it started later). A plain difference of two sums over "all live threads" would be
 * wrong both ways: a thread that dies in between takes its whole lifetime's count out of the second sum.
 * Threads that die in between are still lost (the JDK keeps no count for them before JDK 21's
 * {@code getTotalThreadAllocatedBytes}); the scenarios keep their threads alive until measured.
 */
final class ResourceMeter {
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final long cpuStart;
    private final Map<Long, Long> allocatedStart;

    private ResourceMeter() {
        this.allocatedStart = allocatedByThread();
        this.cpuStart = OS.getProcessCpuTime();
    }

    static ResourceMeter start() {
        return new ResourceMeter();
    }

    /** Process CPU time (user + system, every thread: loop, GC, JIT) since the start. */
    long cpuNanos() {
        return OS.getProcessCpuTime() - cpuStart;
    }

    /** Heap allocated since the start by the threads alive now. */
    long allocatedBytesSinceStart() {
        long total = 0;
        for (Map.Entry<Long, Long> thread : allocatedByThread().entrySet()) {
            total += thread.getValue() - allocatedStart.getOrDefault(thread.getKey(), 0L);
        }
        return total;
    }

    /** Process CPU time in nanoseconds now. */
    static long processCpuNanos() {
        return OS.getProcessCpuTime();
    }

    private static Map<Long, Long> allocatedByThread() {
        long[] ids = THREADS.getAllThreadIds();
        long[] bytes = THREADS.getThreadAllocatedBytes(ids);
        Map<Long, Long> byThread = new HashMap<>(ids.length * 2);
        for (int i = 0; i < ids.length; i++) {
            if (bytes[i] >= 0) { // -1: the thread died between the two calls
                byThread.put(ids[i], bytes[i]);
            }
        }
        return byThread;
    }
}
