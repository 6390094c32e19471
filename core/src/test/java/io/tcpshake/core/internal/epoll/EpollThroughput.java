package io.tcpshake.core.internal.epoll;

import io.tcpshake.core.CheckResult;
import io.tcpshake.core.Checker;
import io.tcpshake.core.EngineChoice;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Not a test: the load generator used to compare the engine with {@code halfopen-reuse.c} and
 * {@code halfopen-limit.c} (same arguments, same output line, plus CPU per check). Keeps K checks in
 * flight by submitting the next check from each callback, on the loop thread.
 *
 * <pre>
 * java -cp core/target/classes:core/target/test-classes:jna.jar io.tcpshake.core.internal.epoll.EpollThroughput \
 *     127.0.0.1 PORT 300000 64 [ROUNDS]
 * </pre>
 */
public final class EpollThroughput {
    private static final String LOOP_THREAD = "tcpshake-throughput-loop";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Checker checker;
    private final InetSocketAddress address;
    private final long total;
    private final AtomicLong started = new AtomicLong();
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong up = new AtomicLong();
    private final CountDownLatch finished = new CountDownLatch(1);

    private EpollThroughput(Checker checker, InetSocketAddress address, long total) {
        this.checker = checker;
        this.address = address;
        this.total = total;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: EpollThroughput HOST PORT N K [ROUNDS]");
            System.exit(2);
        }
        InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(args[0]), Integer.parseInt(args[1]));
        long n = Long.parseLong(args[2]);
        int k = Integer.parseInt(args[3]);
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 1;
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (Checker checker = Checker.builder().engine(EngineChoice.EPOLL).callbacksOnLoopThread()
                .threadName(LOOP_THREAD).build()) {
            checker.start();
            for (int round = 0; round < rounds; round++) {
                EpollThroughput run = new EpollThroughput(checker, address, n);
                long cpu0 = os.getProcessCpuTime();
                long loop0 = loopThreadCpu();
                long loopUser0 = loopThreadUser();
                long loopBytes0 = loopThreadAllocated();
                long t0 = System.nanoTime();
                for (int i = 0; i < k; i++) {
                    run.next();
                }
                run.finished.await();
                double seconds = (System.nanoTime() - t0) / 1e9;
                System.out.printf("round=%d k=%d checks=%d up=%d down=%d seconds=%.3f checks_per_s=%.0f"
                        + " cpu_us_per_check=%.3f loop_thread_cpu_us_per_check=%.3f loop_thread_user_us_per_check=%.3f"
                        + " loop_thread_bytes_per_check=%.1f%n",
                        round, k, n, run.up.get(), n - run.up.get(), seconds, n / seconds,
                        (os.getProcessCpuTime() - cpu0) / 1e3 / n, (loopThreadCpu() - loop0) / 1e3 / n,
                        (loopThreadUser() - loopUser0) / 1e3 / n, (loopThreadAllocated() - loopBytes0) / (double) n);
            }
        }
    }

    private void next() {
        if (started.incrementAndGet() <= total) {
            checker.checkAsync(address, TIMEOUT).whenComplete(this::completed);
        }
    }

    private void completed(CheckResult result, Throwable error) {
        if (result != null && result.isUp()) {
            up.incrementAndGet();
        }
        if (done.incrementAndGet() == total) {
            finished.countDown();
        } else {
            next();
        }
    }

    /**
     * Heap the loop thread allocated: per check, the engine's result and pending check plus this harness's
     * {@code whenComplete} (a completion and its future).
     */
    private static long loopThreadAllocated() {
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().equals(LOOP_THREAD)) {
                return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                        .getThreadAllocatedBytes(thread.getId());
            }
        }
        return 0;
    }

    /** User-mode CPU of the loop thread: the part of a check that is not the kernel's (JNA, Java). */
    private static long loopThreadUser() {
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().equals(LOOP_THREAD)) {
                return ManagementFactory.getThreadMXBean().getThreadUserTime(thread.getId());
            }
        }
        return 0;
    }

    private static long loopThreadCpu() {
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().equals(LOOP_THREAD)) {
                return ManagementFactory.getThreadMXBean().getThreadCpuTime(thread.getId());
            }
        }
        return 0;
    }
}
