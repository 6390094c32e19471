package io.tcpshake.bench;

import java.lang.management.ManagementFactory;

/**
 * Reads this process's CPU time and the heap all its live threads have allocated, so an in-process
 * scenario can be charged what it used. (Threads that die take their allocation counts with them; the
 * scenarios keep their threads alive until measured.)
 */
final class ResourceMeter {
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final long cpuStart;
    private final long allocatedStart;

    private ResourceMeter() {
        this.cpuStart = OS.getProcessCpuTime();
        this.allocatedStart = allocatedBytes();
    }

    static ResourceMeter start() {
        return new ResourceMeter();
    }

    long cpuNanos() {
        return OS.getProcessCpuTime() - cpuStart;
    }

    long allocatedBytesSinceStart() {
        return allocatedBytes() - allocatedStart;
    }

    private static long allocatedBytes() {
        long total = 0;
        for (long bytes : THREADS.getThreadAllocatedBytes(THREADS.getAllThreadIds())) {
            if (bytes > 0) {
                total += bytes;
            }
        }
        return total;
    }
}
