package io.tcpshake.bench;

import java.lang.management.ManagementFactory;

/** CPU time and heap allocated so far by the live threads whose names start with a prefix. */
final class ThreadCosts {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    final long cpuNanos;
    final long allocatedBytes;

    private ThreadCosts(long cpuNanos, long allocatedBytes) {
        this.cpuNanos = cpuNanos;
        this.allocatedBytes = allocatedBytes;
    }

    /**
     * Sums over the live threads named {@code prefix*}. Differences of two readings are exact as long as
     * those threads live on between them (thread pools do).
     */
    static ThreadCosts of(String prefix) {
        long cpu = 0;
        long allocated = 0;
        for (java.lang.management.ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info == null || !info.getThreadName().startsWith(prefix)) {
                continue;
            }
            long threadCpu = THREADS.getThreadCpuTime(info.getThreadId());
            long threadAllocated = THREADS.getThreadAllocatedBytes(info.getThreadId());
            cpu += Math.max(0, threadCpu);
            allocated += Math.max(0, threadAllocated);
        }
        return new ThreadCosts(cpu, allocated);
    }
}
