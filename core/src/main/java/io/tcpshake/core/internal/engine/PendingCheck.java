package io.tcpshake.core.internal.engine;

import io.tcpshake.core.CheckResult;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

/**
 * One check handed from a caller to an engine's loop: a resolved address, the linger choice, its start
 * and deadline on the checker's ticker, and the future its result completes. Immutable but for that
 * future; the engine keeps its own per-check state (socket, slot) beside it.
 *
 * <p>A check made without a future of its own is its own future: one object per check instead of two.
 */
public final class PendingCheck extends CompletableFuture<CheckResult> {
    private final InetSocketAddress address;
    private final boolean zeroLinger;
    private final long startNanos;
    private final long deadlineNanos;
    private final CompletableFuture<CheckResult> future;

    /** A check that completes {@code future}. */
    public PendingCheck(InetSocketAddress address, boolean zeroLinger, long startNanos, long deadlineNanos,
            CompletableFuture<CheckResult> future) {
        this.address = address;
        this.zeroLinger = zeroLinger;
        this.startNanos = startNanos;
        this.deadlineNanos = deadlineNanos;
        this.future = future != null ? future : this;
    }

    /** A check that is its own future ({@link #future()} returns it). */
    public PendingCheck(InetSocketAddress address, boolean zeroLinger, long startNanos, long deadlineNanos) {
        this(address, zeroLinger, startNanos, deadlineNanos, null);
    }

    /** The resolved address to connect to. */
    public InetSocketAddress address() {
        return address;
    }

    /** True: close with RST (linger 0, the half-open check). False: an orderly FIN close. */
    public boolean zeroLinger() {
        return zeroLinger;
    }

    /** When the check began, name resolution included, on the checker's ticker. */
    public long startNanos() {
        return startNanos;
    }

    /** When the engine must give up and report TIMEOUT, on the checker's ticker. */
    public long deadlineNanos() {
        return deadlineNanos;
    }

    /** The check's timeout: from its start to its deadline. */
    public long timeoutNanos() {
        return deadlineNanos - startNanos;
    }

    /** What the result completes: the future given at construction, or this check itself. */
    public CompletableFuture<CheckResult> future() {
        return future;
    }
}
