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

    /** A factory of daemon threads all named {@code name}: for a pool of one thread that comes and goes. */
    public static ThreadFactory named(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
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
        return onDemandPool(factory(name), threads, 60, TimeUnit.SECONDS);
    }

    /**
     * Up to {@code threads} threads from {@code threads}' factory with an unbounded queue: started when work
     * comes, each gone after {@code keepAlive} idle, so an idle pool has no thread at all.
     */
    public static ExecutorService onDemandPool(ThreadFactory factory, int threads, long keepAlive, TimeUnit unit) {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, keepAlive, unit,
                new LinkedBlockingQueue<>(), factory);
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }
}
