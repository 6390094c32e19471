package io.tcpshake.bench;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a Java user would otherwise write: {@code new Socket().connect(address, timeout)} then
 * {@code close()}, one thread per check in flight. A full connection: the listener has to accept it and
 * the client side ends in TIME_WAIT.
 */
final class BlockingSocketScenario implements Scenario {
    @Override
    public String name() {
        return "java-blocking-socket";
    }

    @Override
    public long maxChecks() {
        // Each check leaves a client socket in TIME_WAIT for 60 s; stay well inside the ephemeral range.
        return 20_000;
    }

    @Override
    public Measurement run(InetSocketAddress target, long checks, int inFlight) throws Exception {
        AtomicLong remaining = new AtomicLong(checks);
        AtomicLong up = new AtomicLong();
        CountDownLatch done = new CountDownLatch(inFlight);
        CountDownLatch measured = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < inFlight; i++) {
            Thread thread = new Thread(() -> {
                while (remaining.getAndDecrement() > 0) {
                    try (Socket socket = new Socket()) {
                        socket.connect(target, 2000);
                        up.incrementAndGet();
                    } catch (java.io.IOException e) {
                        // counted as down
                    }
                }
                done.countDown();
                awaitQuietly(measured); // stay alive so its allocation still counts
            }, "bench-blocking-" + i);
            thread.setDaemon(true);
            threads.add(thread);
        }
        ResourceMeter meter = ResourceMeter.start();
        long t0 = System.nanoTime();
        threads.forEach(Thread::start);
        if (!done.await(300, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name() + " did not finish in 300 s");
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Measurement measurement = new Measurement(name(), inFlight, checks, up.get(), seconds,
                meter.cpuNanos(), meter.allocatedBytesSinceStart());
        measured.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        return measurement;
    }

    static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
