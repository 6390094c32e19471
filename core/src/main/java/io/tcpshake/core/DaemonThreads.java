package io.tcpshake.core;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Thread factories and executors whose threads are daemons with {@code tcpshake-} names: tcpshake lives
 * inside other applications and must never keep their JVM alive or hide among their threads.
 */
public final class DaemonThreads {
    private DaemonThreads() {
    }

    /** A factory of daemon threads named {@code name-1}, {@code name-2}, ... */
    public static ThreadFactory factory(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** One daemon thread with an unbounded queue, gone after a minute idle. */
    public static ExecutorService singleThreadExecutor(String name) {
        return boundedPool(name, 1);
    }

    /** Up to {@code threads} daemon threads with an unbounded queue, each gone after a minute idle. */
    public static ExecutorService boundedPool(String name, int threads) {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), factory(name));
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }
}
