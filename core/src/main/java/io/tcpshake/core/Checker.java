package io.tcpshake.core;

import io.tcpshake.core.internal.engine.CheckEngine;
import io.tcpshake.core.internal.engine.LoopTasks;
import io.tcpshake.core.internal.engine.PendingCheck;
import io.tcpshake.core.internal.engine.ResultDispatcher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Half-open TCP checks: SYN, SYN-ACK, RST. The target's kernel answers; the target application never
 * sees a connection, and no socket is left in TIME_WAIT.
 *
 * <p>The Java form of tevino/tcp-shaker's {@code Checker}: build one, start its checking loop, check
 * addresses from any thread, close it.
 * <pre>{@code
 * try (Checker checker = Checker.builder().build()) {
 *     checker.start();
 *     CheckResult up = checker.checkAddr("127.0.0.1:5432", Duration.ofSeconds(1)); // throws when not up
 *     checker.checkAsync(HostPort.parse("[::1]:6379"), Duration.ofSeconds(1))
 *            .thenAccept(result -> System.out.println(result));
 * }
 * }</pre>
 *
 * <p>One loop thread owns every socket. On Linux it is an epoll loop over JNA; elsewhere, or where native
 * code cannot load, the same technique through NIO ({@link #engineInfo()} says which and why); with
 * CAP_NET_RAW, {@link EngineChoice#RAW} sends hand-built SYNs on a raw socket instead (opt-in). Results
 * are delivered off the loop thread (see {@link Builder#callbackExecutor}), so callbacks cannot delay
 * the checks in flight.
 *
 * <p>The loop thread also runs short tasks and timers between its event batches, as netty's event loop
 * does: {@link #loopExecutor()}. Whatever runs periodically beside the checks (a {@code Monitor}'s
 * schedule, a file watch's timer) needs no thread of its own.
 *
 * <p>Thread-safe. A checker runs its loop once: start it, use it, close it.
 */
public final class Checker implements AutoCloseable {
    /**
     * The longest timeout a check takes: a day, far beyond the minutes after which the kernel gives up on a
     * SYN. Longer ones are mistakes, and near the limits of {@link Duration} overflow the nanosecond clock.
     */
    public static final Duration MAX_TIMEOUT = Duration.ofDays(1);

    private static final System.Logger LOG = TcpshakeLoggers.get("io.tcpshake.core");
    private static final AtomicInteger CHECKER_IDS = new AtomicInteger();

    private final CheckEngine engine;
    private final LoopTasks loopTasks;
    private final Ticker ticker;
    private final HostResolver resolver;
    private final boolean defaultZeroLinger;
    private final String threadName;
    private final ExecutorService ownCallbackExecutor;
    private final ResultDispatcher dispatcher;
    private final ResolverPool resolverPool;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private final AtomicInteger state = new AtomicInteger(NEW);

    private static final int NEW = 0;
    private static final int RUNNING = 1;
    private static final int CLOSED = 2;

    private volatile Thread loopThread;

    private Checker(Builder builder) {
        this.ticker = builder.ticker;
        this.resolver = builder.resolver;
        this.defaultZeroLinger = builder.zeroLinger;
        int id = CHECKER_IDS.incrementAndGet();
        this.threadName = builder.threadName != null ? builder.threadName : "tcpshake-checker-" + id;
        this.engine = Engines.create(builder.engine, ticker);
        this.loopTasks = engine.tasks();
        Executor callbacks = builder.callbackExecutor;
        if (callbacks == null && !builder.callbacksOnLoopThread) {
            ownCallbackExecutor = DaemonThreads.singleThreadExecutor(threadName + "-results");
            callbacks = ownCallbackExecutor;
        } else {
            ownCallbackExecutor = null;
        }
        this.dispatcher = new ResultDispatcher(builder.callbacksOnLoopThread ? null : callbacks);
        this.resolverPool = new ResolverPool(resolver, threadName + "-resolver");
    }

    /** A builder with the defaults: automatic engine, zero linger, the system ticker and resolver. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts the checking loop (and so the {@link #loopExecutor()}) on a daemon thread
     * ({@code tcpshake-checker-N}) and returns once its resources are open; {@link #ready()} completes when
     * the loop runs.
     *
     * @throws CheckerAlreadyStartedException when started (or run) before
     * @throws UncheckedIOException when the engine's resources cannot be opened
     */
    public void start() {
        beginRunning();
        Thread thread = new Thread(this::loop, threadName);
        thread.setDaemon(true);
        loopThread = thread;
        thread.start();
    }

    /**
     * Runs the checking loop on the calling thread until {@link #close()} is called from another thread:
     * the Go library's {@code CheckingLoop(ctx)}.
     *
     * @throws CheckerAlreadyStartedException when started (or run) before
     */
    public void run() {
        beginRunning();
        loopThread = Thread.currentThread();
        loop();
    }

    private void beginRunning() {
        if (!state.compareAndSet(NEW, RUNNING)) {
            throw new CheckerAlreadyStartedException();
        }
        try {
            engine.open();
        } catch (IOException | RuntimeException e) {
            state.set(CLOSED);
            shutdownHelpers();
            loopTasks.terminated();
            ready.completeExceptionally(e);
            terminated.complete(null);
            throw e instanceof IOException ? new UncheckedIOException("cannot open the " + engine.info().kind()
                    + " engine: " + e.getMessage(), (IOException) e) : (RuntimeException) e;
        }
    }

    private void loop() {
        ready.complete(null);
        try {
            engine.runLoop(dispatcher);
        } catch (RuntimeException | Error e) {
            LOG.log(System.Logger.Level.ERROR, "tcpshake checking loop " + threadName + " failed; checks stop", e);
        } finally {
            state.set(CLOSED);
            shutdownHelpers();
            loopTasks.terminated();
            terminated.complete(null);
        }
    }

    /**
     * An executor whose tasks and timers run on this checker's loop thread, between event batches: no
     * thread of their own. Delays and due times are on the builder's {@link Builder#ticker}. Tasks run in
     * due order (those due at the same instant in submission order); a task submitted from another thread
     * wakes the loop, one from the loop thread does not need to. At most 256 due tasks run per loop
     * iteration, and the checks they start count against the loop's bound on starts per iteration, so a
     * burst of tasks never keeps the loop from reading answers. A cancelled task leaves the queue at once;
     * a task that throws is logged (its future fails) and the loop goes on.
     *
     * <p>Tasks submitted before {@link #start()} run once the loop runs. After {@link #close()} new tasks
     * are rejected with {@link java.util.concurrent.RejectedExecutionException} and pending ones are
     * dropped (their futures cancelled). The executor lives as long as the checker: its {@code shutdown}
     * and {@code shutdownNow} throw {@link UnsupportedOperationException}; {@code isShutdown} tells whether
     * the checker was closed, {@code awaitTermination} waits for the loop to end.
     *
     * <p>A task here delays every check in flight while it runs: only short work that never blocks (no
     * file or network I/O, no lock held for long, no name resolution, no user callbacks). A stall of
     * ~200 ms turns half-open checks into real connections. Hand anything else to a thread of its own.
     */
    public ScheduledExecutorService loopExecutor() {
        return loopTasks;
    }

    /**
     * Whether the calling thread is this checker's loop thread (netty's {@code inEventLoop()}): code that
     * would hand work to the {@link #loopExecutor()} can run it at once instead.
     */
    public boolean inLoop() {
        return Thread.currentThread() == loopThread;
    }

    /** Whether the checking loop is running and takes checks: the Go library's {@code IsReady()}. */
    public boolean isReady() {
        return ready.isDone() && !ready.isCompletedExceptionally() && state.get() == RUNNING;
    }

    /** Completes when the loop runs; fails when it could not start. */
    public CompletableFuture<Void> ready() {
        return ready.copy();
    }

    /**
     * Completes when the loop has ended and released every socket: after {@link #close()}, when the loop
     * failed (an unexpected error of the poller, logged), or at once when closed before it started. What
     * depends on the checker (a {@code Monitor} given it) learns here that no check will run any more.
     */
    public CompletableFuture<Void> terminated() {
        return terminated.copy();
    }

    /**
     * Waits up to {@code timeout} for the loop to run: the Go library's {@code WaitReady()}.
     *
     * @return true when ready, false when the time ran out or the loop could not start
     */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        try {
            ready.get(requireTimeout(timeout).toNanos(), TimeUnit.NANOSECONDS);
            return isReady();
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    /** The epoll descriptor of the loop, or -1 for the NIO engine: the Go library's {@code PollerFd()}. */
    public int pollerFd() {
        return engine.pollerFd();
    }

    /** Which engine runs and, when it is the fallback, why. */
    public EngineInfo engineInfo() {
        return engine.info();
    }

    /**
     * Checks {@code hostPort} and waits for the result; the timeout covers name resolution too.
     *
     * @param hostPort {@code host:port}, {@code 10.0.0.5:5432} or {@code [::1]:6379}
     * @return the result when the target is up
     * @throws CheckTimeoutException no SYN-ACK before the timeout
     * @throws ConnectFailedException refused, unreachable or a failing system call, with the errno
     * @throws ResolveFailedException the host name did not resolve (in time)
     * @throws IllegalArgumentException for a malformed address or a timeout that is not positive
     * @throws CheckerClosedException when the checker is not running
     */
    public CheckResult checkAddr(String hostPort, Duration timeout)
            throws CheckFailedException, InterruptedException {
        CompletableFuture<CheckResult> future = checkAsync(HostPort.parse(hostPort), timeout, defaultZeroLinger);
        CheckResult result;
        try {
            result = future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            throw new IllegalStateException(cause);
        }
        if (!result.isUp()) {
            throw CheckFailedException.of(result);
        }
        return result;
    }

    /** {@link #checkAsync(InetSocketAddress, Duration, boolean)} with the builder's linger choice. */
    public CompletableFuture<CheckResult> checkAsync(InetSocketAddress address, Duration timeout) {
        return checkAsync(address, timeout, defaultZeroLinger);
    }

    /**
     * Starts a check and returns at once. The future completes with the result for every outcome (a down
     * target is a result, not an exception); it fails only with {@link CheckerClosedException} when the
     * checker closes first. An unresolved address is resolved off the loop, within the timeout.
     *
     * @param zeroLinger true (the half-open check): close with RST; false: close with FIN
     * @throws IllegalArgumentException for a null address, a port of 0, an unresolved name that breaks a rule
     *     of {@link HostPort#requireHost}, or a timeout that is not positive or longer than {@link #MAX_TIMEOUT}
     * @throws CheckerClosedException when the checker is not running
     */
    public CompletableFuture<CheckResult> checkAsync(InetSocketAddress address, Duration timeout,
            boolean zeroLinger) {
        if (address == null) {
            throw new IllegalArgumentException("address is null");
        }
        HostPort.requirePort(address.getPort());
        if (address.isUnresolved()) {
            // A name the resolver would be asked for: by the same rules as a parsed one, never " db\n".
            HostPort.requireHost(address.getHostString());
        }
        long timeoutNanos = requireTimeout(timeout).toNanos();
        if (state.get() != RUNNING) {
            throw new CheckerClosedException();
        }
        long start = ticker.nanoTime();
        long deadline = start + timeoutNanos;
        if (!address.isUnresolved()) {
            PendingCheck check = new PendingCheck(address, zeroLinger, start, deadline); // its own future
            engine.submit(check);
            return check;
        }
        CompletableFuture<CheckResult> future = new CompletableFuture<>();
        resolverPool.resolve(address.getHostString(), timeoutNanos).whenComplete((ips, error) -> {
            if (state.get() != RUNNING) {
                // Closed while resolving: the lookup was cut short or its answer comes too late.
                future.completeExceptionally(new CheckerClosedException());
            } else if (error == null) {
                InetSocketAddress resolved = new InetSocketAddress(ips[0], address.getPort());
                engine.submit(new PendingCheck(resolved, zeroLinger, start, deadline, future));
            } else {
                future.complete(CheckResult.resolveFailed(address, ResolverPool.describe(error, timeoutNanos),
                        ticker.nanoTime() - start));
            }
        });
        return future;
    }

    /**
     * Stops the loop: checks in flight fail promptly with {@link CheckerClosedException}, every socket is
     * closed. Waits for the loop thread to finish unless called from it. Idempotent.
     */
    @Override
    public void close() {
        int previous = state.getAndSet(CLOSED);
        if (previous == NEW) {
            shutdownHelpers();
            loopTasks.terminated();
            ready.completeExceptionally(new CheckerClosedException());
            terminated.complete(null);
            return;
        }
        loopTasks.close(); // at once, even when called on the loop thread: no task runs after close()
        engine.stop();
        if (Thread.currentThread() != loopThread) {
            try {
                terminated.get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                LOG.log(System.Logger.Level.WARNING, "tcpshake checking loop " + threadName
                        + " did not stop within 10 s");
            }
        }
    }

    private void shutdownHelpers() {
        loopTasks.close();
        resolverPool.shutdown();
        if (ownCallbackExecutor != null) {
            ownCallbackExecutor.shutdown();
        }
    }

    private static Duration requireTimeout(Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout " + timeout + " is not positive: expected e.g. 1s");
        }
        if (timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("timeout " + timeout + " is longer than " + MAX_TIMEOUT
                    + ": a check ends within minutes, when the kernel gives up on the SYN");
        }
        return timeout;
    }

    /** Options of a {@link Checker}. */
    public static final class Builder {
        private EngineChoice engine = EngineChoice.AUTO;
        private boolean zeroLinger = true;
        private Ticker ticker = Ticker.system();
        private HostResolver resolver = HostResolver.system();
        private Executor callbackExecutor;
        private boolean callbacksOnLoopThread;
        private String threadName;

        private Builder() {
        }

        /** Which engine to use; {@link EngineChoice#AUTO} by default. */
        public Builder engine(EngineChoice engine) {
            this.engine = Objects.requireNonNull(engine, "engine");
            return this;
        }

        /**
         * Whether checks close with RST (true, the default: a half-open check the target application never
         * sees) or with FIN (false: a full connection that the target may accept and log).
         */
        public Builder zeroLinger(boolean zeroLinger) {
            this.zeroLinger = zeroLinger;
            return this;
        }

        /** The clock for latencies and deadlines; {@link Ticker#system()} by default. */
        public Builder ticker(Ticker ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        /** How host names become addresses; the JDK's resolver by default. */
        public Builder resolver(HostResolver resolver) {
            this.resolver = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        /**
         * Where check futures complete (and so where their callbacks run). By default a dedicated daemon
         * thread per checker, so callbacks never run on the loop thread.
         */
        public Builder callbackExecutor(Executor executor) {
            this.callbackExecutor = Objects.requireNonNull(executor, "executor");
            this.callbacksOnLoopThread = false;
            return this;
        }

        /**
         * Completes futures on the loop thread itself: the fastest path, for callers whose callbacks return
         * at once (such as submitting the next check). A slow callback there delays every check in flight
         * and can turn half-open checks into real connections; use only with such callbacks.
         */
        public Builder callbacksOnLoopThread() {
            this.callbackExecutor = null;
            this.callbacksOnLoopThread = true;
            return this;
        }

        /** The loop thread's name; {@code tcpshake-checker-N} by default. */
        public Builder threadName(String threadName) {
            this.threadName = Objects.requireNonNull(threadName, "threadName");
            return this;
        }

        /**
         * Creates the checker (not yet started).
         *
         * @throws IllegalStateException when {@link EngineChoice#EPOLL} was asked for and cannot load
         */
        public Checker build() {
            return new Checker(this);
        }
    }

    /** Resolves names on a few daemon threads, never on the loop, each lookup bounded by a timeout. */
    static final class ResolverPool {
        private final HostResolver resolver;
        private final ExecutorService executor;
        private final java.util.Set<CompletableFuture<InetAddress[]>> pending =
                java.util.concurrent.ConcurrentHashMap.newKeySet();

        ResolverPool(HostResolver resolver, String threadName) {
            this.resolver = resolver;
            this.executor = DaemonThreads.boundedPool(threadName, 4);
        }

        CompletableFuture<InetAddress[]> resolve(String host, long timeoutNanos) {
            CompletableFuture<InetAddress[]> lookup = CompletableFuture.supplyAsync(() -> {
                try {
                    InetAddress[] addresses = resolver.resolve(host);
                    if (addresses == null || addresses.length == 0) {
                        throw new UnknownHostException(host + ": no addresses");
                    }
                    return addresses;
                } catch (UnknownHostException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            }, executor);
            // Remembered until done, so that closing the checker can end the lookups still waiting.
            pending.add(lookup);
            lookup.whenComplete((ips, error) -> pending.remove(lookup));
            return lookup.orTimeout(timeoutNanos, TimeUnit.NANOSECONDS);
        }

        static String describe(Throwable error, long timeoutNanos) {
            Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                    ? error.getCause() : error;
            if (cause instanceof TimeoutException) {
                return "name resolution did not finish within " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms";
            }
            if (cause instanceof UnknownHostException) {
                return "unknown host: " + cause.getMessage();
            }
            return "name resolution failed: " + cause;
        }

        /** Interrupts the lookups and fails the ones still waiting with {@link CheckerClosedException}. */
        void shutdown() {
            executor.shutdownNow();
            for (CompletableFuture<InetAddress[]> lookup : pending) {
                lookup.completeExceptionally(new CheckerClosedException());
            }
        }
    }
}
