package io.tcpshake.core.internal.engine;

import io.tcpshake.core.EngineInfo;
import java.io.IOException;

/**
 * The half-open machinery behind a {@code Checker}: one loop thread that owns every socket. Callers only
 * {@link #submit} and {@link #stop}; everything else happens on the loop thread inside {@link #runLoop}.
 *
 * <p>The contract every engine keeps (the shared test suite checks it):
 * <ul>
 *   <li>each submitted check completes exactly once through the {@link ResultSink}, after its socket was
 *       closed or disconnected (close first, then report);</li>
 *   <li>a check still waiting at its deadline is aborted and reported TIMEOUT;</li>
 *   <li>a failing system call for one check becomes that check's ERROR result; the loop survives;</li>
 *   <li>each iteration runs the due {@link #tasks()} (a bounded number) and waits no longer than the next
 *       one is due; checks submitted by those tasks start within the same per-iteration bound as every
 *       other submission, so a burst of tasks cannot hold up the reading of answers;</li>
 *   <li>after {@link #stop}, {@code runLoop} fails every check not yet completed with
 *       {@code CheckerClosedException}, releases all native resources and returns.</li>
 * </ul>
 */
public interface CheckEngine {
    /** Which engine this is and why. */
    EngineInfo info();

    /** The epoll descriptor, or -1 where the engine has none (NIO). */
    int pollerFd();

    /**
     * Creates the loop's resources (epoll instance, wake-up descriptor, selector). Called once, from the
     * thread that starts the checker, so that a failure surfaces there.
     */
    void open() throws IOException;

    /** Runs the loop on the calling thread until {@link #stop()}; returns after releasing everything. */
    void runLoop(ResultSink sink);

    /** Hands a check to the loop; any thread. The loop picks it up at once (it is woken if asleep). */
    void submit(PendingCheck check);

    /** The tasks and timers this loop runs between event batches (the checker's loop executor). */
    LoopTasks tasks();

    /**
     * The descriptors of the sockets the engine holds open now: pooled ones and those of checks in flight.
     * Loop thread only. Empty where the engine cannot name its descriptors (NIO).
     */
    default int[] socketFds() {
        return new int[0];
    }

    /** Asks the loop to finish; any thread, idempotent. */
    void stop();
}
