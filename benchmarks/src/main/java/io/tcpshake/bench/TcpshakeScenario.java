package io.tcpshake.bench;

import io.tcpshake.core.CheckResult;
import io.tcpshake.core.Checker;
import io.tcpshake.core.EngineChoice;
import io.tcpshake.core.internal.epoll.EpollEngine;
import io.tcpshake.core.internal.raw.RawEngine;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * tcpshake's Checker keeping N checks in flight: each result's callback, on the loop thread, submits the
 * next check (the CLI's fast path).
 */
final class TcpshakeScenario implements Scenario {
    private static final String LOOP_THREAD = "tcpshake-bench-loop";
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final EngineChoice engine;

    TcpshakeScenario(EngineChoice engine) {
        this.engine = engine;
    }

    @Override
    public String name() {
        return "tcpshake-" + engine.name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String unavailableReason() {
        if (engine == EngineChoice.EPOLL) {
            Throwable cause = EpollEngine.unavailabilityCause();
            return cause == null ? null : "epoll engine unavailable: " + cause.getMessage();
        }
        if (engine == EngineChoice.RAW) {
            return RawEngine.unavailabilityReason(); // without it, RAW would measure the fallback
        }
        return null;
    }

    @Override
    public Measurement run(InetSocketAddress target, long checks, int inFlight) throws Exception {
        try (Checker checker = Checker.builder().engine(engine).callbacksOnLoopThread().threadName(LOOP_THREAD)
                .build()) {
            checker.start();
            checker.awaitReady(Duration.ofSeconds(10));
            long loopThread = threadId(LOOP_THREAD);
            long loopCpuStart = THREADS.getThreadCpuTime(loopThread);
            Duration timeout = Duration.ofSeconds(2);
            KeepInFlight loop = new KeepInFlight(checker, target, timeout, checks);
            ResourceMeter meter = ResourceMeter.start();
            long t0 = System.nanoTime();
            for (int i = 0; i < inFlight; i++) {
                loop.next();
            }
            if (!loop.done.await(300, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name() + " did not finish " + checks + " checks in 300 s");
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            long loopCpu = THREADS.getThreadCpuTime(loopThread) - loopCpuStart;
            Measurement m = new Measurement(name(), inFlight, checks, loop.up.get(), seconds, meter.cpuNanos(),
                    meter.allocatedBytesSinceStart());
            m.loopCpuNanos = loopCpu;
            return m;
        }
    }

    private static long threadId(String name) {
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().equals(name)) {
                return thread.getId();
            }
        }
        throw new IllegalStateException("no thread " + name + " although the checker is ready");
    }

    /**
     * Starts the next check whenever one completes, on the loop thread. One callback object serves every
     * check, so the harness allocates only what {@code thenAccept} must (a completion node and a future)
     * on top of what the Checker allocates.
     */
    private static final class KeepInFlight implements Consumer<CheckResult> {
        private final Checker checker;
        private final InetSocketAddress target;
        private final Duration timeout;
        private final long checks;
        private final AtomicLong started = new AtomicLong();
        private final AtomicLong finished = new AtomicLong();
        final AtomicLong up = new AtomicLong();
        final CountDownLatch done = new CountDownLatch(1);

        KeepInFlight(Checker checker, InetSocketAddress target, Duration timeout, long checks) {
            this.checker = checker;
            this.target = target;
            this.timeout = timeout;
            this.checks = checks;
        }

        void next() {
            if (started.incrementAndGet() <= checks) {
                checker.checkAsync(target, timeout).thenAccept(this);
            }
        }

        @Override
        public void accept(CheckResult result) {
            if (result.isUp()) {
                up.incrementAndGet();
            }
            if (finished.incrementAndGet() == checks) {
                done.countDown();
            } else {
                next();
            }
        }
    }
}
