package io.tcpshake.core.monitor;

import io.tcpshake.core.CheckResult;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One check of a target: a name resolution, then one half-open check per selected address, all at once.
 * Collects the results; the last one to arrive hands the round back to its target.
 */
final class CheckRound {
    /** The target as it was when the round started (its timeout and endpoint apply). */
    final Target target;
    /** {@code checkNow} callers waiting for this round's result. */
    final List<CompletableFuture<CheckResult>> waiters;
    long startNanos;
    private List<InetSocketAddress> addresses;
    /** The one address checked when the target's host is a literal checked alone; null otherwise. */
    private InetSocketAddress literal;
    private CheckResult[] results;
    private AtomicInteger remaining;

    CheckRound(Target target, List<CompletableFuture<CheckResult>> waiters) {
        this.target = target;
        this.waiters = waiters;
    }

    /** Prepares for the result of one address; called once, before its check starts. */
    void expectOne(InetSocketAddress checked) {
        literal = checked;
        results = new CheckResult[1];
    }

    /** The address {@link #expectOne} was given: a result from this very instance is this round's own. */
    InetSocketAddress literal() {
        return literal;
    }

    /** Prepares for one result per address; called once, before any check starts. */
    void expect(List<InetSocketAddress> checked) {
        addresses = List.copyOf(checked);
        results = new CheckResult[checked.size()];
        if (checked.size() > 1) {
            remaining = new AtomicInteger(checked.size());
        }
    }

    /** Prepares for the single result of a failed name resolution. */
    void expectResolveFailure() {
        results = new CheckResult[1];
    }

    /** The addresses checked, in result order; null when the name did not resolve. */
    List<InetSocketAddress> addresses() {
        return addresses;
    }

    /** Stores result {@code index}; true when it was the last one missing. */
    boolean complete(int index, CheckResult result) {
        results[index] = result;
        // One result needs no count: its completion is the round's (and happens once).
        return remaining == null || remaining.decrementAndGet() == 0;
    }

    /** Every result, in address order; only after {@link #complete} returned true. */
    List<CheckResult> results() {
        return results.length == 1 ? List.of(results[0]) : Arrays.asList(results);
    }

    /**
     * The result that stands for the round in the target's rise/fall: for {@link AddressPolicy#ANY} the
     * first UP (else the first failure), for {@link AddressPolicy#ALL} the first failure (else the first
     * UP), for {@link AddressPolicy#FIRST} the only one.
     */
    static CheckResult representative(List<CheckResult> results, AddressPolicy policy) {
        boolean wantUp = policy == AddressPolicy.ANY;
        if (policy != AddressPolicy.FIRST) {
            for (CheckResult result : results) {
                if (result.isUp() == wantUp) {
                    return result;
                }
            }
        }
        return results.get(0);
    }
}
