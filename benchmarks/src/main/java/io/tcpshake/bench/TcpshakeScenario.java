package io.tcpshake.bench;

import io.tcpshake.core.CheckResult;
import io.tcpshake.core.Checker;
import io.tcpshake.core.EngineChoice;
import io.tcpshake.core.epoll.EpollEngine;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * tcpshake's Checker keeping N checks in flight: each result's callback, on the loop thread, submits the
 * next check (the CLI's fast path).
 */
final class TcpshakeScenario implements Scenario {
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
        return null;
    }

    @Override
    public Measurement run(InetSocketAddress target, long checks, int inFlight) throws Exception {
        try (Checker checker = Checker.builder().engine(engine).callbacksOnLoopThread().build()) {
            checker.start();
            checker.awaitReady(Duration.ofSeconds(10));
            Duration timeout = Duration.ofSeconds(2);
            AtomicLong started = new AtomicLong();
            AtomicLong up = new AtomicLong();
            CountDownLatch done = new CountDownLatch(1);
            AtomicLong finished = new AtomicLong();
            ResourceMeter meter = ResourceMeter.start();
            long t0 = System.nanoTime();
            Runnable[] next = new Runnable[1];
            next[0] = () -> {
                if (started.incrementAndGet() > checks) {
                    return;
                }
                checker.checkAsync(target, timeout).thenAccept((CheckResult result) -> {
                    if (result.isUp()) {
                        up.incrementAndGet();
                    }
                    if (finished.incrementAndGet() == checks) {
                        done.countDown();
                    } else {
                        next[0].run();
                    }
                });
            };
            for (int i = 0; i < inFlight; i++) {
                next[0].run();
            }
            if (!done.await(300, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name() + " did not finish " + checks + " checks in 300 s");
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            return new Measurement(name(), inFlight, checks, up.get(), seconds, meter.cpuNanos(),
                    meter.allocatedBytesSinceStart());
        }
    }
}
