package io.tcpshake.core.monitor;

import io.tcpshake.core.CheckResult;
import io.tcpshake.core.Outcome;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything known about one target at one moment: state, since when and why, the last check, counters
 * and latencies. Immutable, so outputs (MBeans, metrics, JFR) read it without locks or waiting on checks.
 */
public final class TargetSnapshot {
    private static final Outcome[] OUTCOMES = Outcome.values();

    private final Target target;
    private final TargetState state;
    private final Instant stateSince;
    private final CheckResult stateReason;
    private final CheckResult lastResult;
    private final Instant lastCheckTime;
    private final int consecutive;
    private final long checks;
    /** Checks per outcome, by ordinal. */
    private final long[] counts;
    /** {@link #checksByOutcome()}, made on first use. */
    private volatile Map<Outcome, Long> checksByOutcome;
    private final long stateChanges;
    private final LatencySummary latency;
    private final List<AddressSnapshot> addresses;

    /**
     * @param stateSince when the state last changed, or when the target was added while still UNKNOWN
     * @param stateReason the result that decided the current state (null while UNKNOWN)
     * @param lastResult the latest result, null before the first check
     * @param lastCheckTime wall-clock time of the latest result, null before the first check
     * @param consecutive results in a row against the current state (toward rise or fall)
     * @param checksByOutcome checks per outcome; absent outcomes count 0
     * @param addresses per-address sub-states when the target checks every address, else empty
     */
    public TargetSnapshot(Target target, TargetState state, Instant stateSince, CheckResult stateReason,
            CheckResult lastResult, Instant lastCheckTime, int consecutive, Map<Outcome, Long> checksByOutcome,
            long stateChanges, LatencySummary latency, List<AddressSnapshot> addresses) {
        this(target, state, stateSince, stateReason, lastResult, lastCheckTime, consecutive, countsOf(checksByOutcome),
                stateChanges, latency, addresses);
    }

    /** As the public constructor, with the counts per outcome by ordinal (taken as they are: the caller's copy). */
    TargetSnapshot(Target target, TargetState state, Instant stateSince, CheckResult stateReason,
            CheckResult lastResult, Instant lastCheckTime, int consecutive, long[] countsByOrdinal,
            long stateChanges, LatencySummary latency, List<AddressSnapshot> addresses) {
        this.target = Objects.requireNonNull(target, "target");
        this.state = Objects.requireNonNull(state, "state");
        this.stateSince = Objects.requireNonNull(stateSince, "stateSince");
        this.stateReason = stateReason;
        this.lastResult = lastResult;
        this.lastCheckTime = lastCheckTime;
        this.consecutive = consecutive;
        this.counts = countsByOrdinal;
        long total = 0;
        for (long count : countsByOrdinal) {
            total += count;
        }
        this.checks = total;
        this.stateChanges = stateChanges;
        this.latency = Objects.requireNonNull(latency, "latency");
        this.addresses = List.copyOf(addresses);
    }

    private static long[] countsOf(Map<Outcome, Long> checksByOutcome) {
        long[] counts = new long[OUTCOMES.length];
        for (Outcome outcome : OUTCOMES) {
            counts[outcome.ordinal()] = checksByOutcome.getOrDefault(outcome, 0L);
        }
        return counts;
    }

    public Target target() {
        return target;
    }

    public String name() {
        return target.name();
    }

    public TargetState state() {
        return state;
    }

    public Instant stateSince() {
        return stateSince;
    }

    /** The result that decided the current state: for DOWN, the failure outcome and errno. Null while UNKNOWN. */
    public CheckResult stateReason() {
        return stateReason;
    }

    /** The latest result, null before the first check. */
    public CheckResult lastResult() {
        return lastResult;
    }

    /** When the latest result came in (wall clock), null before the first check. */
    public Instant lastCheckTime() {
        return lastCheckTime;
    }

    /** Results in a row against the current state: progress toward rise or fall. */
    public int consecutive() {
        return consecutive;
    }

    /** Checks made (all outcomes). */
    public long checks() {
        return checks;
    }

    /** Checks made, by outcome; every outcome is present. */
    public Map<Outcome, Long> checksByOutcome() {
        Map<Outcome, Long> byOutcome = checksByOutcome;
        if (byOutcome == null) {
            EnumMap<Outcome, Long> map = new EnumMap<>(Outcome.class);
            for (Outcome outcome : OUTCOMES) {
                map.put(outcome, counts[outcome.ordinal()]);
            }
            byOutcome = Collections.unmodifiableMap(map);
            checksByOutcome = byOutcome;
        }
        return byOutcome;
    }

    /** Checks that were not UP. */
    public long failures() {
        return checks - counts[Outcome.UP.ordinal()];
    }

    /** How often the state changed (UNKNOWN to UP or DOWN counts). */
    public long stateChanges() {
        return stateChanges;
    }

    public LatencySummary latency() {
        return latency;
    }

    /** Per-address sub-states when the target checks every address of its name; else empty. */
    public List<AddressSnapshot> addresses() {
        return addresses;
    }

    @Override
    public String toString() {
        return target.name() + " " + state + " since " + stateSince + " (" + checks + " checks, last: " + lastResult + ")";
    }
}
