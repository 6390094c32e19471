package io.tcpshake.core.monitor;

import io.tcpshake.core.CheckResult;
import io.tcpshake.core.Checker;
import io.tcpshake.core.DaemonThreads;
import io.tcpshake.core.EngineInfo;
import io.tcpshake.core.HostResolver;
import io.tcpshake.core.TcpshakeLoggers;
import io.tcpshake.core.Ticker;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Health monitoring: checks a set of {@link Target}s on a schedule through one {@link Checker} and keeps
 * each one's state, with the semantics users know from HAProxy and Kubernetes.
 * <pre>{@code
 * try (Monitor monitor = Monitor.builder().build()) {
 *     monitor.put(Target.builder("127.0.0.1:5432").name("db").build());
 *     monitor.addListener(new MonitorListener() {
 *         public void onStateChange(StateChange change) { System.out.println(change); }
 *     });
 *     monitor.start();
 *     ...
 *     monitor.snapshot("db").ifPresent(db -> System.out.println(db.state()));
 * }
 * }</pre>
 *
 * <p><b>Schedule.</b> A target's first check comes after its {@link Target#initialDelay()}, or at a random
 * point of its first interval (HAProxy's {@code spread-checks}: no thundering herd at start or reload).
 * Each next check is due one interval after the previous one started, spread by the target's jitter: the
 * {@linkplain Target#fastInterval() fast interval} while the state is changing (results against the state
 * have been seen), the {@linkplain Target#downInterval() down interval} while down, the interval otherwise.
 * Checks are asynchronous and names are resolved on resolver threads, bounded by the check's timeout, so a
 * slow lookup or a timeout never delays another target.
 *
 * <p><b>State.</b> A target is {@link TargetState#UNKNOWN} until its first result, which decides UP or DOWN
 * at once. From then on HAProxy's rise/fall applies with one counter: {@code rise} results in a row
 * against DOWN make it UP, {@code fall} results in a row against UP make it DOWN; a result that agrees with
 * the state resets the counter. A change records the wall-clock time and the result that completed it.
 *
 * <p><b>Addresses.</b> With {@link AddressPolicy#FIRST} one address is checked (the first after the
 * {@link IpPreference}); with ANY or ALL every address is checked in the same round, each with its own
 * rise/fall sub-state ({@link TargetSnapshot#addresses()}). The round counts as up for the target when any
 * (ANY) or all (ALL) of its addresses answered, and the target's rise/fall runs over rounds. Every
 * address check is counted in {@link TargetSnapshot#checksByOutcome()}; the latency summary holds the
 * handshake latencies of checks that reached the target's kernel (UP and REFUSED; name resolution not
 * included, since resolution is done before the check starts).
 *
 * <p><b>Safety caps.</b> At most {@link Builder#maxChecksPerSecond} checks start per second over all
 * targets (a token bucket holding a tenth of a second's worth): a check over the cap is delayed, not
 * dropped, and counted in {@link #checksDelayedByRateCap()} (logged once). Since a target asks for its next
 * check only when the previous one ended, the delay stays bounded (about targets / cap seconds): an
 * over-eager configuration is checked less often than asked, evenly over its targets. At most
 * {@link Builder#maxInFlightPerTarget} rounds run per target at once; a check due while the target is at
 * its cap starts when a running one ends.
 *
 * <p><b>Threads.</b> A monitor adds no thread that is always there beside its checker's loop: its schedule
 * runs on the checker's {@linkplain Checker#loopExecutor() loop executor}, and the checks' results are
 * processed there too (state, snapshots, the next check), as timers run on netty's event loop. That work is
 * short and never blocks: names are resolved elsewhere, listeners run elsewhere. A monitor that builds its
 * own checker has it complete checks on the loop thread; one {@linkplain Builder#checker(Checker) given a
 * checker} hands that checker's results to its loop, wherever they arrive. Give {@link Builder#executor}
 * for a housekeeping thread of the monitor's own instead (e.g. {@link #newExecutor()},
 * {@code tcpshake-monitor}): the schedule runs there and its own checker's results arrive there.
 * Listeners are user code of unknown cost, so they run apart from the schedule: on the listener executor,
 * by default a daemon thread {@code tcpshake-events} that is started when an event is fired and
 * ends after 2 s without events; a slow listener delays later events (order is kept), never a check. The
 * futures of {@link #checkNow} complete there too. Host names are resolved on up to eight daemon threads
 * {@code tcpshake-monitor-resolver-N}, started on the first lookup and ended when idle; IP literals start
 * none. Snapshots are immutable, made when read: a target's state is kept in place and copied out under its
 * lock, which is held only for bookkeeping (never across a check or a lookup), so reading never waits for a
 * check. The schedule keeps every target's next check in one queue behind one timer, on whole milliseconds,
 * and results are handed to the listener thread every 10 ms rather than one by one. Every
 * thread the monitor creates is a daemon named {@code tcpshake-monitor*} (its own checker's loop:
 * {@code tcpshake-checker-N}).
 */
public final class Monitor implements MonitorView, AutoCloseable {
    /**
     * Results per target a status page shows, and that the agent and {@code tcpshake serve} keep for theirs
     * ({@link Builder#recentResults}); a monitor keeps none unless its builder asks.
     */
    public static final int STATUS_PAGE_RECENT_RESULTS = 60;

    private static final System.Logger LOG = TcpshakeLoggers.get("io.tcpshake.monitor");

    private static final int NEW = 0;
    private static final int RUNNING = 1;
    private static final int CLOSED = 2;

    private static final String EVENTS_THREAD = "tcpshake-events";
    /** Short: the events thread comes back in microseconds, and an idle monitor should show no thread for it. */
    private static final long EVENTS_KEEP_ALIVE_SECONDS = 2;
    private static final long RESOLVER_KEEP_ALIVE_SECONDS = 10;
    /**
     * How long results gather before the listener thread is woken for them: at 10,000 checks a second it
     * wakes 100 times a second instead of about once per check (a wake-up costs more than a check).
     */
    private static final long EVENTS_GATHER_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final Checker ownedChecker;
    private final CheckFunction checkFunction;
    private final Ticker ticker;
    private final Clock clock;
    private final HostResolver resolver;
    private final Executor resolverExecutor;
    private final ExecutorService ownedResolverExecutor;
    private final Scheduler scheduler;
    private final DueTargets dueTargets;
    private final boolean ownsScheduler;
    private final ExecutorService ownedListenerExecutor;
    private final ListenerEvents events;
    private final Random random;
    private final CheckRateLimiter rateLimiter;
    private final int maxInFlightPerTarget;
    private final int recentResultsCapacity;
    private final Predicate<Target> latencyBuckets;
    private final OneOffProbes probes;

    private final AtomicInteger state = new AtomicInteger(NEW);
    private final Object targetsLock = new Object();
    /** Name to runner, in the order targets were added; replaced as a whole under targetsLock. */
    private volatile RunnerTable runners = RunnerTable.EMPTY;
    private final AtomicInteger checksInFlight = new AtomicInteger();
    private final AtomicLong checksTotal = new AtomicLong();
    private final AtomicLong checksDelayedByRateCap = new AtomicLong();
    private final AtomicBoolean rateCapLogged = new AtomicBoolean();

    private Monitor(Builder b) {
        this.ticker = b.ticker;
        this.clock = b.clock;
        this.resolver = b.resolver;
        this.random = b.random != null ? b.random : new Random();
        this.rateLimiter = new CheckRateLimiter(ticker, b.maxChecksPerSecond);
        this.maxInFlightPerTarget = b.maxInFlightPerTarget;
        this.recentResultsCapacity = b.recentResults;
        this.latencyBuckets = b.latencyBuckets;
        // Without an executor of the caller's (or a test's scheduler), the schedule runs on the checker's loop.
        boolean onLoop = b.executor == null && b.scheduler == null;
        Checker loopChecker = null;
        if (b.checkFunction != null) {
            this.ownedChecker = null;
            this.checkFunction = b.checkFunction;
        } else if (b.checker != null) {
            this.ownedChecker = null;
            // Its results arrive wherever its owner chose: they are handed to its loop to be processed.
            this.checkFunction = onLoop ? CheckFunction.onLoopOf(b.checker) : CheckFunction.of(b.checker);
            loopChecker = b.checker;
        } else {
            Checker.Builder checkerBuilder = b.checkerBuilder != null ? b.checkerBuilder : Checker.builder();
            // Results are processed where the schedule runs: no results thread of the checker's own.
            if (b.executor != null) {
                checkerBuilder.callbackExecutor(b.executor);
            } else if (onLoop) {
                checkerBuilder.callbacksOnLoopThread();
            }
            this.ownedChecker = checkerBuilder.build();
            this.checkFunction = CheckFunction.of(ownedChecker);
            loopChecker = ownedChecker;
        }
        if (loopChecker != null) {
            // Its loop ending under a running monitor (closed first, or failed) stops every check: say so,
            // rather than let the snapshots go stale without a word.
            loopChecker.terminated().thenRun(this::checkerEnded);
        }
        if (b.scheduler != null) {
            this.scheduler = b.scheduler;
            this.ownsScheduler = false;
        } else {
            this.scheduler = b.executor != null ? ThreadScheduler.on(b.executor)
                    : loopChecker != null ? ThreadScheduler.on(loopChecker.loopExecutor()) : ThreadScheduler.owned();
            this.ownsScheduler = true;
        }
        this.dueTargets = new DueTargets(scheduler, ticker);
        if (b.resolverExecutor != null) {
            this.resolverExecutor = b.resolverExecutor;
            this.ownedResolverExecutor = null;
        } else {
            // Created when a host name is first resolved, gone when idle: IP-literal targets never start one.
            // A few threads: a lookup that hangs occupies one, the others keep resolving.
            this.ownedResolverExecutor = onDemandPool("tcpshake-monitor-resolver", 8, RESOLVER_KEEP_ALIVE_SECONDS,
                    true);
            this.resolverExecutor = ownedResolverExecutor;
        }
        Executor listenerExecutor = b.listenerExecutor;
        if (listenerExecutor == null) {
            ownedListenerExecutor = onDemandPool(EVENTS_THREAD, 1, EVENTS_KEEP_ALIVE_SECONDS, false);
            listenerExecutor = ownedListenerExecutor;
        } else {
            ownedListenerExecutor = null;
        }
        // A test's scheduler moves time by hand: its events are handed over at once, as they are queued.
        this.events = new ListenerEvents(listenerExecutor, scheduler, b.scheduler != null ? 0 : EVENTS_GATHER_NANOS);
        this.probes = new OneOffProbes(this, checkFunction);
    }

    /**
     * A housekeeping executor for {@link Builder#executor}: one daemon thread named {@code tcpshake-monitor},
     * started with the first task; cancelled tasks leave its queue at once. A caller that shares it runs
     * only short, non-blocking tasks on it, and shuts it down. (Without one, a monitor runs on its checker's
     * loop and needs no thread of its own.)
     */
    public static ScheduledExecutorService newExecutor() {
        return ThreadScheduler.newHousekeeping(ThreadScheduler.HOUSEKEEPING_THREAD);
    }

    /** A builder with the defaults: its own checker, system clocks and resolver, 1000 checks/s, 1 in flight per target. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts checking: starts the monitor's own checker (when it built one) and the schedule of every
     * target added so far. A checker given to {@link Builder#checker(Checker)} must be started by its owner.
     *
     * @throws IllegalStateException when started before or closed
     */
    public void start() {
        if (!state.compareAndSet(NEW, RUNNING)) {
            throw new IllegalStateException(state.get() == CLOSED ? "monitor is closed" : "monitor is already started");
        }
        if (ownedChecker != null) {
            try {
                ownedChecker.start();
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }
        synchronized (targetsLock) {
            for (TargetRunner runner : runners.runners()) {
                runner.startSchedule();
            }
        }
    }

    /** Whether the monitor was started and not yet closed. */
    public boolean isRunning() {
        return state.get() == RUNNING;
    }

    /**
     * Adds {@code target}, or changes the target of the same name. A change that keeps the endpoint
     * ({@link Target#sameEndpoint}) keeps the state and counters; a new endpoint starts over from UNKNOWN.
     * Listeners hear {@link MonitorListener#onTargetChanged} unless nothing changed.
     *
     * @throws IllegalStateException when the monitor is closed
     */
    public void put(Target target) {
        Objects.requireNonNull(target, "target");
        synchronized (targetsLock) {
            requireNotClosed();
            Map<String, TargetRunner> next = runners.toMap();
            apply(next, target);
            runners = RunnerTable.of(next);
        }
        events.deliver();
    }

    /**
     * Removes the target named {@code name}: it is not checked again, and a check in flight for it is
     * ignored when it completes.
     *
     * @return whether a target had that name
     */
    public boolean remove(String name) {
        boolean removed;
        synchronized (targetsLock) {
            Map<String, TargetRunner> next = runners.toMap();
            removed = retire(next, name);
            if (removed) {
                runners = RunnerTable.of(next);
            }
        }
        events.deliver();
        return removed;
    }

    /**
     * Makes {@code targets} the whole set, as a configuration reload does: targets not in it are removed,
     * new ones added, changed ones changed as by {@link #put}; readers see the old set or the new one, never
     * a mix. Kept targets keep their place; new ones are appended in the given order.
     *
     * @throws IllegalArgumentException when two targets share a name (nothing is applied then)
     * @throws IllegalStateException when the monitor is closed
     */
    public void replaceAll(Collection<Target> targets) {
        Map<String, Target> wanted = new LinkedHashMap<>();
        for (Target target : targets) {
            Objects.requireNonNull(target, "target");
            if (wanted.put(target.name(), target) != null) {
                throw new IllegalArgumentException("two targets are named '" + target.name()
                        + "': target names must be unique");
            }
        }
        synchronized (targetsLock) {
            requireNotClosed();
            Map<String, TargetRunner> next = runners.toMap();
            for (String name : new ArrayList<>(next.keySet())) {
                if (!wanted.containsKey(name)) {
                    retire(next, name);
                }
            }
            // Before the new runners take their ids: the due-time queue sized to the targets, not grown past them.
            dueTargets.reserve(wanted.size());
            for (Target target : wanted.values()) {
                apply(next, target);
            }
            runners = RunnerTable.of(next);
        }
        events.deliver();
    }

    /** The targets, in the order they were added. */
    public List<Target> targets() {
        List<Target> targets = new ArrayList<>();
        for (TargetRunner runner : runners.runners()) {
            targets.add(runner.target());
        }
        return Collections.unmodifiableList(targets);
    }

    private void apply(Map<String, TargetRunner> next, Target target) {
        TargetRunner existing = next.get(target.name());
        boolean buckets = latencyBuckets.test(target);
        if (existing == null) {
            TargetRunner runner = new TargetRunner(this, target);
            runner.keepLatencyBuckets(buckets);
            next.put(target.name(), runner);
            if (isRunning()) {
                runner.startSchedule();
            }
            events.enqueue("target added", listener -> listener.onTargetChanged(null, target));
            return;
        }
        existing.keepLatencyBuckets(buckets); // asked again: what reads the buckets may have changed
        Target previous = existing.target();
        if (previous.equals(target)) {
            return;
        }
        if (previous.sameEndpoint(target)) {
            existing.retime(target);
        } else {
            existing.retire();
            TargetRunner runner = new TargetRunner(this, target);
            runner.keepLatencyBuckets(buckets);
            next.put(target.name(), runner);
            if (isRunning()) {
                runner.startSchedule();
            }
        }
        events.enqueue("target changed", listener -> listener.onTargetChanged(previous, target));
    }

    private boolean retire(Map<String, TargetRunner> next, String name) {
        TargetRunner runner = next.remove(name);
        if (runner == null) {
            return false;
        }
        runner.retire();
        Target previous = runner.target();
        events.enqueue("target removed", listener -> listener.onTargetChanged(previous, null));
        return true;
    }

    @Override
    public MonitorSnapshot snapshot() {
        List<TargetSnapshot> snapshots = new ArrayList<>(targetCount());
        forEachTarget(snapshots::add);
        return new MonitorSnapshot(clock.instant(), snapshots, checksInFlight.get(), checksTotal.get());
    }

    /** {@inheritDoc} Each target's snapshot is made as it is read (as {@link #snapshot()} makes them). */
    @Override
    public void forEachTarget(Consumer<? super TargetSnapshot> each) {
        for (TargetRunner runner : runners.runners()) {
            each.accept(runner.snapshot());
        }
    }

    @Override
    public int targetCount() {
        return runners.runners().size();
    }

    @Override
    public int checksInFlight() {
        return checksInFlight.get();
    }

    @Override
    public Optional<TargetSnapshot> snapshot(String targetName) {
        TargetRunner runner = runners.get(targetName);
        return runner == null ? Optional.empty() : Optional.of(runner.snapshot());
    }

    @Override
    public RecentResults recentResults(String targetName) {
        TargetRunner runner = runners.get(targetName);
        return runner == null ? RecentResults.NONE : runner.recentResults();
    }

    @Override
    public void addListener(MonitorListener listener) {
        events.add(listener);
    }

    @Override
    public void removeListener(MonitorListener listener) {
        events.remove(listener);
    }

    /**
     * {@inheritDoc} The future completes with the result that counts for the target (for ANY/ALL targets
     * the one that stands for the round); the next scheduled check follows one interval after this one.
     * Subject to the rate cap and the per-target in-flight cap like every check.
     *
     * @throws IllegalStateException when the monitor is not running
     */
    @Override
    public CompletableFuture<CheckResult> checkNow(String targetName) {
        TargetRunner runner = runners.get(targetName);
        if (runner == null) {
            throw new IllegalArgumentException("no target is named '" + targetName + "': known targets are "
                    + runners.names());
        }
        if (!isRunning()) {
            throw new IllegalStateException("monitor is not running: call start() first");
        }
        return runner.checkNow();
    }

    @Override
    public EngineInfo engineInfo() {
        return checkFunction.engineInfo();
    }

    /**
     * {@inheritDoc} Subject to the monitor's rate cap (delayed, not dropped); at most
     * {@link Builder#maxInFlightPerTarget} probes of one address run at once, and one more fails at once with
     * a {@link java.util.concurrent.RejectedExecutionException}. Counted in the checks in flight, in no target.
     *
     * @throws IllegalStateException when the monitor is not running
     */
    @Override
    public CompletableFuture<CheckResult> probe(InetSocketAddress address, Duration timeout) {
        if (!isRunning()) {
            throw new IllegalStateException("monitor is not running: call start() first");
        }
        return probes.probe(address, timeout);
    }

    /** {@inheritDoc} Through the monitor's resolver, on its resolver threads, as its targets' names. */
    @Override
    public CompletableFuture<InetAddress[]> resolve(String host, Duration timeout) {
        return probes.resolve(host, timeout);
    }

    /** Checks that were delayed because the monitor-wide cap on checks per second was reached. */
    public long checksDelayedByRateCap() {
        return checksDelayedByRateCap.get();
    }

    /**
     * Stops every schedule, then the monitor's own threads and checker; events already queued are still
     * delivered. Checks in flight are ignored. Idempotent.
     */
    @Override
    public void close() {
        if (state.getAndSet(CLOSED) == CLOSED) {
            return;
        }
        synchronized (targetsLock) {
            for (TargetRunner runner : runners.runners()) {
                runner.retire();
            }
        }
        dueTargets.stop();
        // Results gathered for the listeners go now: the scheduler that would hand them over stops below.
        events.deliver();
        if (ownedChecker != null) {
            // Before a housekeeping executor of its own stops: the checker hands its last results there.
            ownedChecker.close();
        }
        if (ownsScheduler) {
            scheduler.shutdown();
        }
        if (ownedResolverExecutor != null) {
            ownedResolverExecutor.shutdownNow();
        }
        if (ownedListenerExecutor != null) {
            ownedListenerExecutor.shutdown();
        }
    }

    private void checkerEnded() {
        if (state.get() != CLOSED) {
            LOG.log(System.Logger.Level.WARNING, "tcpshake monitor: its checker's loop has ended while the monitor "
                    + "runs (the Checker was closed first, or its loop failed: see the log above); no more checks "
                    + "run and the snapshots keep their last state. Close the Monitor before its Checker.");
        }
    }

    /** Up to {@code threads} daemon threads, started when work comes and ended after {@code keepAliveSeconds} idle. */
    private static ExecutorService onDemandPool(String name, int threads, long keepAliveSeconds, boolean numbered) {
        return DaemonThreads.onDemandPool(numbered ? DaemonThreads.factory(name) : DaemonThreads.named(name), threads,
                keepAliveSeconds, TimeUnit.SECONDS);
    }

    private void requireNotClosed() {
        if (state.get() == CLOSED) {
            throw new IllegalStateException("monitor is closed: targets cannot be changed any more");
        }
    }

    // Services for the target runners.

    int recentResultsCapacity() {
        return recentResultsCapacity;
    }

    Ticker ticker() {
        return ticker;
    }

    Clock clock() {
        return clock;
    }

    HostResolver resolver() {
        return resolver;
    }

    Executor resolverExecutor() {
        return resolverExecutor;
    }

    Scheduler scheduler() {
        return scheduler;
    }

    DueTargets dueTargets() {
        return dueTargets;
    }

    CheckFunction checkFunction() {
        return checkFunction;
    }

    ListenerEvents events() {
        return events;
    }

    int maxInFlightPerTarget() {
        return maxInFlightPerTarget;
    }

    double nextRandom() {
        return random.nextDouble();
    }

    void checksStarted(int count) {
        checksInFlight.addAndGet(count);
    }

    void checksFinished(int count) {
        checksInFlight.addAndGet(-count);
        checksTotal.addAndGet(count);
    }

    /** Checks counted as started that were never sent (their target was removed first). */
    void checksAbandoned(int count) {
        checksInFlight.addAndGet(-count);
    }

    /** Takes {@code permits} from the rate cap; returns the delay before the checks may start. */
    long reservePermits(int permits) {
        long wait = rateLimiter.reserve(permits);
        if (wait > 0) {
            checksDelayedByRateCap.addAndGet(permits);
            if (rateCapLogged.compareAndSet(false, true)) {
                LOG.log(System.Logger.Level.WARNING, "tcpshake monitor reached its cap on checks per second; "
                        + "checks are delayed, not dropped (see checksDelayedByRateCap). Fewer targets, longer "
                        + "intervals or a higher maxChecksPerSecond avoid it.");
            }
        }
        return wait;
    }

    /** Options of a {@link Monitor}. */
    public static final class Builder {
        private Checker checker;
        private Checker.Builder checkerBuilder;
        private CheckFunction checkFunction;
        private Ticker ticker = Ticker.system();
        private Clock clock = Clock.systemUTC();
        private HostResolver resolver = HostResolver.system();
        private Executor resolverExecutor;
        private Scheduler scheduler;
        private ScheduledExecutorService executor;
        private Executor listenerExecutor;
        private Random random;
        private double maxChecksPerSecond = 1000;
        private int maxInFlightPerTarget = 1;
        private int recentResults;
        private Predicate<Target> latencyBuckets = target -> true;

        private Builder() {
        }

        /**
         * Checks through {@code checker}, which its caller starts and closes. By default the monitor builds
         * its own checker and starts and closes it with itself. Unless an {@link #executor} is given, the
         * schedule runs on this checker's loop and its results are handed there to be processed; the
         * monitor's timers run once the checker is started.
         */
        public Builder checker(Checker checker) {
            this.checker = Objects.requireNonNull(checker, "checker");
            this.checkerBuilder = null;
            return this;
        }

        /**
         * Builds the monitor's own checker from {@code builder}; the monitor starts and closes it. Unless an
         * {@link #executor} is given, the monitor sets it to complete checks on its loop thread
         * ({@link Checker.Builder#callbacksOnLoopThread()}): the monitor's own processing of results is short.
         */
        public Builder checker(Checker.Builder builder) {
            this.checkerBuilder = Objects.requireNonNull(builder, "builder");
            this.checker = null;
            return this;
        }

        /** Monotonic time for the schedule and the rate cap; {@link Ticker#system()} by default. */
        public Builder ticker(Ticker ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        /** Wall-clock time for state changes, results and snapshots; UTC system clock by default. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How target host names become addresses, on every check; the JDK's resolver by default. */
        public Builder resolver(HostResolver resolver) {
            this.resolver = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        /**
         * Where listeners run; by default one daemon thread, {@code tcpshake-events}, started when an
         * event is fired and ended when idle. Events are handed over one at a time, so order holds on any
         * executor. Not the {@link #executor} of the schedule: a slow listener would delay every check.
         */
        public Builder listenerExecutor(Executor executor) {
            this.listenerExecutor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /** The source of the first-check spread and of jitter; seed it for repeatable schedules. */
        public Builder random(Random random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /** At most this many checks start per second over all targets; more are delayed. 1000 by default. */
        public Builder maxChecksPerSecond(double checksPerSecond) {
            if (!(checksPerSecond > 0) || Double.isInfinite(checksPerSecond)) {
                throw new IllegalArgumentException("maxChecksPerSecond " + checksPerSecond
                        + " is not a positive number: expected e.g. 1000");
            }
            this.maxChecksPerSecond = checksPerSecond;
            return this;
        }

        /** At most this many checks of one target at once (a SYN flood guard); 1 by default. */
        public Builder maxInFlightPerTarget(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxInFlightPerTarget " + max + " is out of range: expected at least 1");
            }
            this.maxInFlightPerTarget = max;
            return this;
        }

        /**
         * How many of each target's last results {@link Monitor#recentResults} keeps, 0..1000;
         * none by default, since only a status page reads them (the Prometheus exporter's: give it
         * {@value Monitor#STATUS_PAGE_RECENT_RESULTS}, as the agent and {@code serve} do). Each costs 1 byte of heap per
         * target (a fixed ring, allocated with the target); an answer's latency is kept to within 7 %, a
         * failure's not at all, see {@link RecentResults#latencyMicros}.
         */
        public Builder recentResults(int count) {
            if (count < 0 || count > 1000) {
                throw new IllegalArgumentException("recentResults " + count + " is out of range: expected 0..1000");
            }
            this.recentResults = count;
            return this;
        }

        /**
         * Which targets count their latencies per bucket of {@link LatencySummary#BUCKET_BOUNDS_SECONDS}: all
         * by default. What reads the buckets is a latency histogram (the Prometheus exporter's for the targets
         * that have one, OTLP's); a target without them keeps up to 64 B less heap, and its
         * {@link TargetSnapshot#latency()} has every bucket at 0 (its count, sum, last, min and max stay).
         * {@code keep} is asked when a target is added and again whenever {@link #put} or {@link #replaceAll}
         * give it, changed or not, on the thread that calls them: a target whose answer turns to true starts
         * with empty buckets, which count its latencies from then on only; one whose answer turns to false
         * drops its buckets.
         */
        public Builder latencyBuckets(Predicate<Target> keep) {
            this.latencyBuckets = Objects.requireNonNull(keep, "keep");
            return this;
        }

        /**
         * Runs the schedule on {@code executor} instead of the checker's loop, and, when the monitor builds
         * its own checker, receives that checker's results there (its {@link Checker.Builder#callbackExecutor}).
         * For those who want the monitor's work on a thread of their own, apart from the checks. The
         * monitor's work on it is short and never blocks; it never runs listeners there. Its owner shuts it
         * down, after closing the monitor. Typically {@link Monitor#newExecutor()}.
         */
        public Builder executor(ScheduledExecutorService executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /** Test seam: the scheduler (and so the time) that runs the schedule. */
        Builder scheduler(Scheduler scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /** Test seam: checks done by {@code checks} instead of a checker. */
        Builder checkFunction(CheckFunction checks) {
            this.checkFunction = Objects.requireNonNull(checks, "checks");
            return this;
        }

        /** Where names are resolved; by default up to 8 daemon threads {@code tcpshake-monitor-resolver-N}, on demand. */
        Builder resolverExecutor(Executor executor) {
            this.resolverExecutor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * Creates the monitor (not yet started).
         *
         * @throws IllegalStateException when its own checker cannot be built (see {@link Checker.Builder#build})
         */
        public Monitor build() {
            return new Monitor(this);
        }
    }
}
