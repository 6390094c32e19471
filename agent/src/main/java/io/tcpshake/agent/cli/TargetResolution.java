package io.tcpshake.agent.cli;

import io.tcpshake.core.HostResolver;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Resolves every host name once, before the clock starts, so that {@code -n 300000} measures checks and
 * not DNS. Names resolve in parallel, each within the check timeout (the timeout covers resolution, as in
 * the Go library); IP literals need no lookup.
 */
final class TargetResolution {
    private TargetResolution() {
    }

    static List<CheckTarget> resolve(List<InetSocketAddress> addresses, HostResolver resolver, Duration timeout)
            throws InterruptedException {
        List<CompletableFuture<CheckTarget>> lookups = new ArrayList<>();
        for (InetSocketAddress address : addresses) {
            if (!address.isUnresolved()) {
                lookups.add(CompletableFuture.completedFuture(CheckTarget.resolved(address, address)));
            } else {
                lookups.add(lookup(address, resolver));
            }
        }
        List<CheckTarget> targets = new ArrayList<>(addresses.size());
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int i = 0; i < lookups.size(); i++) {
            InetSocketAddress address = addresses.get(i);
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                targets.add(lookups.get(i).get(left, TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                targets.add(CheckTarget.unresolvable(address, address.getHostString()
                        + ": not resolved within " + CliDuration.format(timeout), timeout.toNanos()));
            } catch (ExecutionException e) {
                throw new IllegalStateException("resolving " + address.getHostString() + " failed", e.getCause());
            }
        }
        return targets;
    }

    private static CompletableFuture<CheckTarget> lookup(InetSocketAddress address, HostResolver resolver) {
        CompletableFuture<CheckTarget> result = new CompletableFuture<>();
        // A daemon thread per name: a stuck resolver cannot keep the process alive, and names are few.
        Thread thread = new Thread(() -> {
            long start = System.nanoTime();
            try {
                InetAddress[] ips = resolver.resolve(address.getHostString());
                if (ips == null || ips.length == 0) {
                    throw new UnknownHostException(address.getHostString() + ": no addresses");
                }
                result.complete(CheckTarget.resolved(address, new InetSocketAddress(ips[0], address.getPort())));
            } catch (UnknownHostException e) {
                result.complete(CheckTarget.unresolvable(address, describe(address, e), System.nanoTime() - start));
            } catch (RuntimeException e) {
                result.completeExceptionally(new CompletionException(e));
            }
        }, "tcpshake-resolve-" + address.getHostString());
        thread.setDaemon(true);
        thread.start();
        return result;
    }

    private static String describe(InetSocketAddress address, UnknownHostException e) {
        String message = e.getMessage();
        if (message == null || message.isEmpty()) {
            return address.getHostString() + ": unknown host";
        }
        return message.startsWith(address.getHostString()) ? message : address.getHostString() + ": " + message;
    }
}
