package io.tcpshake.agent.cli;

import io.tcpshake.core.CheckResult;
import io.tcpshake.core.Outcome;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The results of one address's checks (or of all of them): counts by outcome, counts by failure reason,
 * and a histogram of the latencies. Recording is synchronized: results arrive on the checker's loop thread, except
 * those of names that did not resolve.
 */
final class AddressTally {
    private final String label;
    private final CheckTarget target;
    private final int[] byOutcome = new int[Outcome.values().length];
    private final Map<Outcome, Map<String, Integer>> downReasons = new EnumMap<>(Outcome.class);
    private final LatencyHistogram latencies = new LatencyHistogram();
    private int count;

    /** The tally of {@code target}'s checks; {@code target} is null for a total. */
    AddressTally(String label, CheckTarget target) {
        this.label = label;
        this.target = target;
    }

    /** All the results of {@code tallies} in one. */
    static AddressTally total(Collection<AddressTally> tallies) {
        AddressTally total = new AddressTally("total", null);
        for (AddressTally tally : tallies) {
            total.add(tally);
        }
        return total;
    }

    /** A copy that no longer changes: the results recorded so far. */
    synchronized AddressTally snapshot() {
        AddressTally copy = new AddressTally(label, target);
        copy.add(this);
        return copy;
    }

    synchronized void record(CheckResult result) {
        byOutcome[result.outcome().ordinal()]++;
        if (!result.isUp()) {
            downReasons.computeIfAbsent(result.outcome(), outcome -> new LinkedHashMap<>())
                    .merge(reason(result), 1, Integer::sum);
        }
        latencies.record(result.latencyNanos());
        count++;
    }

    private synchronized void add(AddressTally other) {
        synchronized (other) {
            for (int i = 0; i < byOutcome.length; i++) {
                byOutcome[i] += other.byOutcome[i];
            }
            other.downReasons.forEach((outcome, reasons) -> reasons.forEach((reason, n) -> downReasons
                    .computeIfAbsent(outcome, o -> new LinkedHashMap<>()).merge(reason, n, Integer::sum)));
            latencies.add(other.latencies);
            count += other.count;
        }
    }

    /** {@code ECONNREFUSED Connection refused}; the message alone when no errno applies. */
    static String reason(CheckResult result) {
        return result.errno() != 0 ? result.errnoName() + " " + result.message() : result.message();
    }

    String label() {
        return label;
    }

    /** The IP address checked, or null for a name that did not resolve and for a total. */
    String checkedIp() {
        return target != null && target.resolved() != null ? target.resolved().getAddress().getHostAddress() : null;
    }

    /** The IP address checked for a host name, null for an IP literal, a name that did not resolve, a total. */
    String resolvedIpOfName() {
        return target != null && target.isName() && target.resolved() != null
                ? target.resolved().getAddress().getHostAddress() : null;
    }

    synchronized int checks() {
        return count;
    }

    synchronized int count(Outcome outcome) {
        return byOutcome[outcome.ordinal()];
    }

    synchronized int up() {
        return byOutcome[Outcome.UP.ordinal()];
    }

    synchronized int down() {
        return count - up();
    }

    /**
     * Why the checks that were not up failed: per outcome (in {@link Outcome} order), each reason such as
     * {@code ECONNREFUSED Connection refused} with its count, in the order first seen.
     */
    synchronized Map<Outcome, Map<String, Integer>> downReasons() {
        Map<Outcome, Map<String, Integer>> copy = new EnumMap<>(Outcome.class);
        downReasons.forEach((outcome, reasons) -> copy.put(outcome, new LinkedHashMap<>(reasons)));
        return copy;
    }

    /** The latency summary of every result, up or down. */
    synchronized LatencyStats latency() {
        return latencies.stats();
    }
}
