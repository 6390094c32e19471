package io.tcpshake.core.monitor;

import io.tcpshake.core.CheckResult;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * The one-off checks of a {@link Monitor} ({@link Monitor#probe}, {@link Monitor#resolve}): checks of an
 * address that belongs to no target, under the caps of every check. They share the monitor's rate cap
 * (delayed, not dropped) and its loop, and at most {@link Monitor.Builder#maxInFlightPerTarget} of them run
 * against one address at once: one more is refused at once rather than queued, so a flood of requests for
 * one address is never a flood of SYNs to it.
 */
final class OneOffProbes {
    private final Monitor monitor;
    private final CheckFunction checks;
    private final ConcurrentHashMap<InetSocketAddress, Integer> inFlight = new ConcurrentHashMap<>();

    OneOffProbes(Monitor monitor, CheckFunction checks) {
        this.monitor = monitor;
        this.checks = checks;
    }

    CompletableFuture<CheckResult> probe(InetSocketAddress address, Duration timeout) {
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("probe needs a resolved address, not the name '"
                    + address.getHostString() + "': resolve it first");
        }
        int cap = monitor.maxInFlightPerTarget();
        boolean[] admitted = new boolean[1];
        inFlight.compute(address, (key, count) -> {
            int now = count == null ? 0 : count;
            admitted[0] = now < cap;
            return admitted[0] ? now + 1 : now;
        });
        if (!admitted[0]) {
            return CompletableFuture.failedFuture(new RejectedExecutionException("already " + cap
                    + (cap == 1 ? " check" : " checks") + " of " + address + " in flight (the cap per target)"));
        }
        CompletableFuture<CheckResult> result = new CompletableFuture<>();
        result.whenComplete((r, e) -> inFlight.computeIfPresent(address, (key, count) -> count > 1 ? count - 1 : null));
        long wait = monitor.reservePermits(1);
        monitor.checksStarted(1);
        try {
            monitor.scheduler().schedule(() -> start(address, timeout, result), wait);
        } catch (RuntimeException e) {
            monitor.checksAbandoned(1);
            result.completeExceptionally(e);
        }
        return result;
    }

    private void start(InetSocketAddress address, Duration timeout, CompletableFuture<CheckResult> result) {
        try {
            checks.check(address, timeout).whenComplete((r, e) -> {
                monitor.checksFinished(1);
                if (e == null) {
                    result.complete(r);
                } else {
                    result.completeExceptionally(e);
                }
            });
        } catch (RuntimeException e) {
            monitor.checksAbandoned(1);
            result.completeExceptionally(e);
        }
    }

    /** Resolves on the monitor's resolver threads; fails with a {@link TimeoutException} after {@code timeout}. */
    CompletableFuture<InetAddress[]> resolve(String host, Duration timeout) {
        CompletableFuture<InetAddress[]> lookup = new CompletableFuture<>();
        Scheduler.ScheduledTask timer = monitor.scheduler().schedule(
                () -> lookup.completeExceptionally(new TimeoutException("'" + host + "' did not resolve within "
                        + timeout.toMillis() + " ms")), timeout.toNanos());
        lookup.whenComplete((ips, error) -> timer.cancel());
        try {
            monitor.resolverExecutor().execute(() -> {
                try {
                    lookup.complete(monitor.resolver().resolve(host));
                } catch (UnknownHostException | RuntimeException e) {
                    lookup.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            lookup.completeExceptionally(e);
        }
        return lookup;
    }
}
