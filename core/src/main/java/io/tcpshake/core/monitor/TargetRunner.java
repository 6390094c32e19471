package io.tcpshake.core.monitor;

import io.tcpshake.core.CheckResult;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One target inside a {@link Monitor}: its schedule, its rounds of checks and its state. Every thread
 * that touches it (scheduler, resolver, checker callbacks, callers) holds its lock (the runner itself) only
 * for bookkeeping; resolutions and checks run outside it. The state is kept in plain fields updated in place;
 * a reader gets a {@link TargetSnapshot} made for it under the lock, and a check's result makes one only
 * when a listener hears it.
 *
 * <p>A runner lives as long as its endpoint: a target whose endpoint changes gets a new runner (fresh
 * state), one whose timing changes keeps its runner. A retired runner ignores the checks still in flight.
 */
final class TargetRunner {
    /** Shortest timeout a check gets when name resolution used up (nearly) all of the target's timeout. */
    private static final long MIN_CHECK_TIMEOUT_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final Monitor monitor;
    private volatile Target target;
    /** The last results, a {@link ResultRing}, for {@link Monitor#recentResults}; null when the monitor keeps none. */
    private final byte[] recent;

    // Guarded by this. Plain counters and fields, updated in place: a snapshot is made when one is read
    // (or when a listener wants this result), not on every check.
    /** The state and its counter, see {@link RiseFall}. */
    private int health = RiseFall.UNKNOWN;
    private final CheckCounts counts = new CheckCounts();
    /**
     * When the state last changed (or the target was added), in nanoseconds of the epoch (a long holds them
     * until 2262): one field where seconds and nanoseconds took two, with {@link #lastCheckEpochNanos} 8 B
     * of the runner.
     */
    private long stateSinceEpochNanos;
    /**
     * The result that decided the state; null while UNKNOWN, or when it was a plain UP: then only its latency
     * is kept, {@link #reasonUpNanos}.
     */
    private CheckResult stateReason;
    private long reasonUpNanos;
    private long stateChanges;
    /**
     * The latest result; null before the first (the state is UNKNOWN until then), or when it was a plain UP
     * from the literal address: then it is made again from the {@link CheckCounts#lastLatencyNanos() counts'
     * last latency}, as that round had this one result and the counts take an UP's latency. Storing a new
     * object into this long-lived one on every check cost the JVM's GC (G1's refinement of the card it
     * dirties) about 1 us per check, as much as the rest of the monitor's state; and an UP target keeps no
     * result object at all (40 B each).
     *
     * <p>What is kept per target is what no other field tells: neither that latency nor whether the last
     * result or the state's reason was a plain UP, nor whether a check was made (all follow from the state
     * being known, and from the counts): at 100,000 targets a runner is 104 B, not 120 B.
     */
    private CheckResult lastResult;
    /** Wall-clock time of the last result, in nanoseconds of the epoch; valid once a result came. */
    private long lastCheckEpochNanos;
    /** Only for targets that check every address (ANY, ALL); null otherwise. */
    private Map<InetAddress, AddressHealth> addresses;
    private int roundsInFlight;
    private boolean checkWaiting;
    /** {@code checkNow} callers for the next round; null when none. */
    private List<CompletableFuture<CheckResult>> waiters;
    /**
     * Identifies the current timer, so a timer cancelled while already firing does nothing. An int, as the
     * monitor's {@link DueTargets} keeps one per target: only equality counts, and a timer still firing
     * after four billion reschedules of its target is not a case.
     */
    private int timerSeq;
    /** When the last round started, on the ticker; meaningful once the state is known (a check was made). */
    private long lastRoundStart;
    private boolean scheduled;
    /** Whether this runner waits in the monitor's {@link DueTargets} for its next check. */
    private boolean timerPending;
    /** Written under the lock; read without it before a check starts, so a removed target sends no more SYNs. */
    private volatile boolean removed;
    /** This runner's id in the monitor's {@link DueTargets}, -1 before its first schedule; guarded by that queue. */
    int dueId = -1;

    TargetRunner(Monitor monitor, Target target) {
        this.monitor = monitor;
        this.target = target;
        this.recent = monitor.recentResultsCapacity() > 0 ? ResultRing.create(monitor.recentResultsCapacity()) : null;
        if (target.addressPolicy() != AddressPolicy.FIRST) {
            addresses = new LinkedHashMap<>();
        }
        Instant added = monitor.clock().instant();
        synchronized (this) {
            stateSinceEpochNanos = epochNanos(added);
        }
    }

    Target target() {
        return target;
    }

    /** Whether the counts keep latency buckets from now on, see {@link Monitor.Builder#latencyBuckets}. */
    void keepLatencyBuckets(boolean keep) {
        synchronized (this) {
            counts.keepBuckets(keep);
        }
    }

    /** The target's state now: made on each call (readers keep what they read). */
    TargetSnapshot snapshot() {
        synchronized (this) {
            return snapshotLocked(null, false);
        }
    }

    RecentResults recentResults() {
        if (recent == null) {
            return RecentResults.NONE;
        }
        synchronized (this) {
            return ResultRing.copy(recent);
        }
    }

    /** Starts the schedule: the first check after the initial delay, or at a random point of the first interval. */
    void startSchedule() {
        synchronized (this) {
            if (removed || scheduled) {
                return;
            }
            scheduled = true;
            scheduleLocked(initialDelayNanos(target));
        }
    }

    /**
     * Takes {@code changed} (same endpoint) without losing state; a new interval applies from the last
     * check on, or to the first check when none was made yet.
     */
    void retime(Target changed) {
        synchronized (this) {
            Target old = target;
            target = changed;
            boolean timingChanged = !old.settings().sameTiming(changed.settings());
            // No timer pending means a check is running (or waiting for one): its end schedules the next one.
            if (!timingChanged || !scheduled || removed || !timerPending) {
                return;
            }
            // A timer pending after a check means that check's result was recorded: the state is known.
            long delay = RiseFall.state(health) != TargetState.UNKNOWN
                    ? lastRoundStart + jittered(intervalAfterLocked(changed), changed) - monitor.ticker().nanoTime()
                    : initialDelayNanos(changed);
            scheduleLocked(delay);
        }
    }

    /** Stops at once: no new check starts; the checks in flight are ignored when they complete. */
    void retire() {
        List<CompletableFuture<CheckResult>> orphaned;
        synchronized (this) {
            removed = true;
            timerSeq++;
            timerPending = false;
            monitor.dueTargets().release(this);
            checkWaiting = false;
            orphaned = waiters;
            waiters = null;
        }
        fail(orphaned, "target '" + target.name() + "' was removed before its check started");
    }

    /** Checks outside the schedule; the next scheduled check then follows from this one. */
    CompletableFuture<CheckResult> checkNow() {
        CompletableFuture<CheckResult> result = new CompletableFuture<>();
        CheckRound round;
        synchronized (this) {
            if (removed) {
                result.completeExceptionally(new IllegalStateException(
                        "target '" + target.name() + "' was removed"));
                return result;
            }
            if (waiters == null) {
                waiters = new ArrayList<>(1);
            }
            waiters.add(result);
            round = beginRoundLocked();
        }
        if (round != null) {
            launch(round);
        }
        return result;
    }

    /** The monitor's {@link DueTargets} says the next check is due; {@code seq} names the timer that fired. */
    void due(int seq) {
        CheckRound round;
        synchronized (this) {
            if (seq != timerSeq || removed) {
                return;
            }
            timerPending = false;
            round = beginRoundLocked();
        }
        if (round != null) {
            launch(round);
        }
    }

    /** A round to launch, or null when the target is at its in-flight cap: then one starts when a round ends. */
    private CheckRound beginRoundLocked() {
        if (removed) {
            return null;
        }
        if (roundsInFlight >= monitor.maxInFlightPerTarget()) {
            checkWaiting = true;
            return null;
        }
        cancelTimerLocked();
        roundsInFlight++;
        List<CompletableFuture<CheckResult>> taken = waiters;
        waiters = null;
        return new CheckRound(target, taken == null ? List.of() : taken);
    }

    private void launch(CheckRound round) {
        long wait = monitor.reservePermits(1);
        if (wait > 0) {
            monitor.scheduler().schedule(() -> begin(round), wait);
        } else {
            begin(round);
        }
    }

    private void begin(CheckRound round) {
        boolean abandoned;
        synchronized (this) {
            abandoned = removed || !monitor.isRunning();
            if (abandoned) {
                roundsInFlight--;
            } else {
                round.startNanos = monitor.ticker().nanoTime();
                lastRoundStart = round.startNanos;
            }
        }
        if (abandoned) {
            fail(round.waiters, "target '" + round.target.name() + "' was removed before its check started");
            return;
        }
        monitor.checksStarted(1);
        InetSocketAddress literal = literal(round.target);
        if (literal != null && round.target.addressPolicy() == AddressPolicy.FIRST) {
            // The usual target: one address, known, and checked with the target's whole timeout.
            round.expectOne(literal);
            checkOne(round, 0, literal, round.target.timeout());
        } else if (literal != null) {
            connect(round, List.of(literal.getAddress()));
        } else {
            resolve(round);
        }
    }

    /** Resolves on the resolver threads, bounded by the target's timeout, then checks what was found. */
    private void resolve(CheckRound round) {
        Target t = round.target;
        long timeoutNanos = t.timeout().toNanos();
        CompletableFuture<InetAddress[]> lookup = new CompletableFuture<>();
        Scheduler.ScheduledTask timer = monitor.scheduler().schedule(
                () -> lookup.completeExceptionally(new TimeoutException()), timeoutNanos);
        try {
            monitor.resolverExecutor().execute(() -> {
                try {
                    lookup.complete(monitor.resolver().resolve(t.endpoint().host()));
                } catch (UnknownHostException | RuntimeException e) {
                    lookup.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            lookup.completeExceptionally(e);
        }
        lookup.whenComplete((ips, error) -> {
            timer.cancel();
            List<InetAddress> chosen = error == null && ips != null
                    ? AddressSelection.select(ips, t.ipPreference(), t.addressPolicy()) : List.of();
            if (chosen.isEmpty()) {
                resolveFailed(round, describeResolution(error, t));
            } else {
                connect(round, chosen);
            }
        });
    }

    private void resolveFailed(CheckRound round, String why) {
        Target t = round.target;
        CheckResult failed = CheckResult.resolveFailed(t.endpoint().socketAddress(), why,
                monitor.ticker().nanoTime() - round.startNanos);
        round.expectResolveFailure();
        round.complete(0, failed);
        monitor.checksFinished(1);
        finish(round);
    }

    private void connect(CheckRound round, List<InetAddress> ips) {
        Target t = round.target;
        List<InetSocketAddress> targets = new ArrayList<>(ips.size());
        for (InetAddress ip : ips) {
            targets.add(new InetSocketAddress(ip, t.endpoint().port()));
        }
        round.expect(targets);
        Duration timeout = Duration.ofNanos(Math.max(MIN_CHECK_TIMEOUT_NANOS,
                t.timeout().toNanos() - (monitor.ticker().nanoTime() - round.startNanos)));
        int extra = targets.size() - 1;
        long wait = 0;
        if (extra > 0) {
            monitor.checksStarted(extra);
            wait = monitor.reservePermits(extra);
        }
        Runnable checks = () -> {
            for (int i = 0; i < targets.size(); i++) {
                checkOne(round, i, targets.get(i), timeout);
            }
        };
        if (wait > 0) {
            monitor.scheduler().schedule(checks, wait);
        } else {
            checks.run();
        }
    }

    private void checkOne(CheckRound round, int index, InetSocketAddress address, Duration timeout) {
        long start = monitor.ticker().nanoTime();
        if (removed) {
            // Removed while its name was resolving (or while waiting for the rate cap): no check is sent.
            monitor.checksAbandoned(1);
            if (round.complete(index, CheckResult.error(address, 0, "target removed before its check started", 0))) {
                finish(round);
            }
            return;
        }
        CompletableFuture<CheckResult> check;
        try {
            check = monitor.checkFunction().check(address, timeout);
        } catch (RuntimeException e) {
            check = CompletableFuture.completedFuture(
                    CheckResult.error(address, 0, "the check could not start: " + e, 0));
        }
        check.whenComplete((result, error) -> {
            CheckResult r = result != null ? result : CheckResult.error(address, 0,
                    "the check failed: " + unwrap(error), monitor.ticker().nanoTime() - start);
            monitor.checksFinished(1);
            if (round.complete(index, r)) {
                finish(round);
            }
        });
    }

    /** Counts a finished round, moves the state machine, publishes, tells the listeners, schedules the next. */
    private void finish(CheckRound round) {
        List<CheckResult> results = round.results();
        CheckResult representative = CheckRound.representative(results, round.target.addressPolicy());
        CheckRound next = null;
        boolean counted;
        synchronized (this) {
            roundsInFlight--;
            counted = !removed && monitor.isRunning();
            if (counted) {
                record(round, results, representative);
                if (checkWaiting) {
                    checkWaiting = false;
                    next = beginRoundLocked();
                } else if (roundsInFlight == 0 && scheduled) {
                    long delay = round.startNanos + jittered(intervalAfterLocked(target), target)
                            - monitor.ticker().nanoTime();
                    scheduleLocked(delay);
                }
            }
        }
        if (counted) {
            monitor.events().deliverSoon();
        }
        if (!round.waiters.isEmpty()) {
            // Callers' callbacks on checkNow's future are user code: never on the checking loop.
            monitor.events().runApart(() -> {
                for (CompletableFuture<CheckResult> waiter : round.waiters) {
                    waiter.complete(representative);
                }
            });
        }
        if (next != null) {
            launch(next);
        }
    }

    private void record(CheckRound round, List<CheckResult> results, CheckResult representative) {
        Target t = target;
        Instant now = monitor.clock().instant();
        for (CheckResult result : results) {
            counts.record(result.outcome(), result.latencyNanos());
        }
        if (t.addressPolicy() != AddressPolicy.FIRST && round.addresses() != null) {
            Map<InetAddress, AddressHealth> current = new LinkedHashMap<>();
            for (int i = 0; i < results.size(); i++) {
                InetSocketAddress address = round.addresses().get(i);
                AddressHealth sub = addresses.get(address.getAddress());
                if (sub == null) {
                    sub = new AddressHealth(address);
                }
                sub.record(results.get(i), t);
                current.put(address.getAddress(), sub);
            }
            addresses = current;
        }
        if (!isPlainUp(representative, round)) {
            lastResult = representative;
        } else if (lastResult != null) {
            lastResult = null;
        }
        lastCheckEpochNanos = epochNanos(now);
        if (recent != null) {
            ResultRing.add(recent, representative);
        }
        TargetState before = RiseFall.state(health);
        health = RiseFall.record(health, representative.isUp(), t.rise(), t.fall());
        boolean changed = RiseFall.state(health) != before;
        if (changed) {
            stateSinceEpochNanos = lastCheckEpochNanos;
            if (isPlainUp(representative, round)) {
                reasonUpNanos = representative.latencyNanos();
                stateReason = null;
            } else {
                stateReason = representative;
            }
            stateChanges++;
        }
        ListenerEvents events = monitor.events();
        boolean resultsWanted = events.anyWantsResults();
        if (!resultsWanted && !(changed && events.hasListeners())) {
            return; // nobody hears this result: no snapshot is made
        }
        TargetSnapshot published = snapshotLocked(representative, changed);
        // Queued under the lock so each target's events keep the order of its results.
        if (resultsWanted) {
            for (CheckResult result : results) {
                events.enqueueResult(published, result);
            }
        }
        if (changed) {
            StateChange change = new StateChange(published, before, RiseFall.state(health), now, representative);
            events.enqueue("state change", listener -> listener.onStateChange(change));
        }
    }

    /** HAProxy: fastinter while the state is changing, downinter while down, inter otherwise. */
    private Duration intervalAfterLocked(Target t) {
        if (RiseFall.consecutive(health) > 0) {
            return t.fastInterval();
        }
        return RiseFall.state(health) == TargetState.DOWN ? t.downInterval() : t.interval();
    }

    private long jittered(Duration interval, Target t) {
        double spread = t.jitter() * (2 * monitor.nextRandom() - 1);
        return (long) (interval.toNanos() * (1 + spread));
    }

    private long initialDelayNanos(Target t) {
        if (t.initialDelay() != null) {
            return t.initialDelay().toNanos();
        }
        return (long) (monitor.nextRandom() * t.interval().toNanos());
    }

    private void scheduleLocked(long delayNanos) {
        int seq = ++timerSeq;
        timerPending = true;
        monitor.dueTargets().schedule(this, delayNanos, seq);
    }

    private void cancelTimerLocked() {
        timerSeq++;
        if (timerPending) {
            timerPending = false;
            monitor.dueTargets().cancel(this);
        }
    }

    /**
     * The endpoint as an address when the host is an IP literal (no resolution needed), else null: the
     * endpoint's own instance, not kept in a field of the runner as well.
     */
    private static InetSocketAddress literal(Target t) {
        return t.endpoint().isName() ? null : t.endpoint().socketAddress();
    }

    /**
     * A plain UP of the round's literal address: all of it is its latency (the address is the target's
     * endpoint's own instance, which a snapshot hands out again).
     */
    private static boolean isPlainUp(CheckResult result, CheckRound round) {
        return result.isUp() && round.literal() != null && result.address() == round.literal() && result.errno() == 0
                && result.message().isEmpty();
    }

    /**
     * @param latest the latest result when the caller has it (a listener then gets that very object)
     * @param latestIsReason whether that result just decided the state
     */
    private TargetSnapshot snapshotLocked(CheckResult latest, boolean latestIsReason) {
        List<AddressSnapshot> subStates = List.of();
        if (addresses != null && !addresses.isEmpty()) {
            subStates = new ArrayList<>(addresses.size());
            for (AddressHealth sub : addresses.values()) {
                subStates.add(sub.snapshot());
            }
        }
        // Once the state is known, a null result stands for a plain UP (see lastResult).
        boolean known = RiseFall.state(health) != TargetState.UNKNOWN;
        CheckResult last = latest != null ? latest
                : lastResult == null && known ? CheckResult.up(literal(target), counts.lastLatencyNanos()) : lastResult;
        CheckResult reason = latestIsReason ? latest
                : stateReason == null && known ? CheckResult.up(literal(target), reasonUpNanos) : stateReason;
        Instant lastCheckTime = last == null ? null : Instant.ofEpochSecond(0, lastCheckEpochNanos);
        return new TargetSnapshot(target, RiseFall.state(health), Instant.ofEpochSecond(0, stateSinceEpochNanos),
                reason, last, lastCheckTime, RiseFall.consecutive(health), counts.byOutcome(), stateChanges,
                counts.latency(), subStates);
    }

    private static long epochNanos(Instant time) {
        return time.getEpochSecond() * 1_000_000_000L + time.getNano();
    }

    private static void fail(List<CompletableFuture<CheckResult>> futures, String why) {
        if (futures == null) {
            return;
        }
        for (CompletableFuture<CheckResult> future : futures) {
            future.completeExceptionally(new IllegalStateException(why));
        }
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    private static String describeResolution(Throwable error, Target t) {
        Throwable cause = unwrap(error);
        if (cause == null) {
            return "'" + t.endpoint().host() + "' resolved to no usable address";
        }
        if (cause instanceof TimeoutException) {
            return "name resolution of '" + t.endpoint().host() + "' did not finish within " + t.timeout().toMillis() + " ms";
        }
        if (cause instanceof UnknownHostException) {
            return "unknown host: " + cause.getMessage();
        }
        if (cause instanceof RejectedExecutionException) {
            return "name resolution of '" + t.endpoint().host() + "' not started: the monitor is closing";
        }
        return "name resolution of '" + t.endpoint().host() + "' failed: " + cause;
    }

    /** One address of a target that checks every address: its own rise/fall and last result. */
    private static final class AddressHealth {
        private final InetSocketAddress address;
        private int health = RiseFall.UNKNOWN;
        private CheckResult last;

        AddressHealth(InetSocketAddress address) {
            this.address = address;
        }

        void record(CheckResult result, Target t) {
            last = result;
            health = RiseFall.record(health, result.isUp(), t.rise(), t.fall());
        }

        AddressSnapshot snapshot() {
            return new AddressSnapshot(address, RiseFall.state(health), last);
        }
    }
}
