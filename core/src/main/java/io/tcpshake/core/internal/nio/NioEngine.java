package io.tcpshake.core.internal.nio;

import io.tcpshake.core.CheckResult;
import io.tcpshake.core.CheckerClosedException;
import io.tcpshake.core.EngineInfo;
import io.tcpshake.core.EngineKind;
import io.tcpshake.core.Ticker;
import io.tcpshake.core.internal.engine.CheckEngine;
import io.tcpshake.core.internal.engine.LoopTasks;
import io.tcpshake.core.internal.engine.PendingCheck;
import io.tcpshake.core.internal.engine.ResultSink;
import io.tcpshake.core.internal.engine.SlotDeadlines;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The half-open check on the JDK alone: non-blocking {@link SocketChannel}s on one {@link Selector}, owned
 * by the loop thread. Used where the epoll engine cannot load (not Linux, no JNA) or when asked for.
 *
 * <p>Each loop iteration: select until the earliest deadline or task (or not at all when checks or due
 * tasks wait); {@code finishConnect()} each ready channel once; expire the checks past their deadline;
 * close every finished channel and only then report; run the due {@linkplain #tasks() tasks} (a bounded
 * number); start the submitted checks, from any thread, at most 256 (open,
 * options, connect, register for {@code OP_CONNECT}); hand the round's results over.
 * A channel registered with a selector closes late (the JDK defers the close until the key is
 * deregistered, so the RST would wait for the next select): the keys of one round are cancelled, one
 * {@code selectNow()} deregisters them all, and the channels are closed after it.
 */
public final class NioEngine implements CheckEngine {
    private static final Consumer<SelectionKey> IGNORE_READY = key -> { };
    /**
     * Checks started per loop round before the loop looks for answers again. A burst of thousands of
     * submissions must not keep answered sockets open: past the ~200 ms delayed-ACK window the client
     * acknowledges and the check becomes a real connection.
     */
    private static final int STARTS_PER_ROUND = 256;

    private final Ticker ticker;
    private final LoopTasks tasks;
    private final String fallbackReason;
    private final Queue<PendingCheck> submitted = new ConcurrentLinkedQueue<>();
    /** True while the loop is about to block in select: only then does a submitter need to wake it. */
    private final AtomicBoolean selecting = new AtomicBoolean();
    private volatile boolean stopping;
    /** Set once the loop has failed its last checks: later submissions are failed by the submitter. */
    private volatile boolean terminated;
    private volatile Thread loopThread;

    private volatile HalfOpenChannels channels;
    private volatile Selector selector;

    // Loop thread only.
    private final SlotDeadlines deadlines = new SlotDeadlines();
    private InFlightCheck[] bySlot = new InFlightCheck[64];
    private int[] freeSlots = new int[64];
    private int freeCount;
    private int slotsUsed;
    private final List<InFlightCheck> finished = new ArrayList<>();
    private final Consumer<SelectionKey> onReady = this::finishConnect;

    /**
     * @param ticker the checker's clock, for deadlines and latencies
     * @param fallbackReason why epoll is not used, or null when NIO was asked for
     */
    public NioEngine(Ticker ticker, String fallbackReason) {
        this.ticker = ticker;
        this.tasks = new LoopTasks(ticker, this::wakeIfSelecting);
        this.fallbackReason = fallbackReason;
        try {
            // Probed now so that engineInfo() is complete before the checker starts (the CLI prints it first).
            channels = HalfOpenChannels.probe();
        } catch (IOException e) {
            channels = null; // no socket to probe with right now: open() probes again, and fails there
        }
    }

    @Override
    public EngineInfo info() {
        HalfOpenChannels probed = channels;
        String quickAck = probed == null ? "unknown until started" : probed.quickAckOff() ? "yes" : "no";
        return new EngineInfo(EngineKind.NIO, "nio (JDK " + Runtime.version() + ", TCP_QUICKACK off: " + quickAck + ")",
                fallbackReason);
    }

    @Override
    public int pollerFd() {
        return -1;
    }

    @Override
    public void open() throws IOException {
        // Opening and closing one channel here, even when the constructor did, is what keeps a later full
        // descriptor table from failing the JDK's lazy NIO initialisation (see HalfOpenChannels.probe).
        channels = HalfOpenChannels.probe();
        selector = Selector.open();
    }

    @Override
    public LoopTasks tasks() {
        return tasks;
    }

    @Override
    public void submit(PendingCheck check) {
        submitted.add(check);
        if (terminated) {
            failSubmittedAfterTermination();
        } else if (Thread.currentThread() != loopThread) {
            wakeIfSelecting();
        }
    }

    private void wakeIfSelecting() {
        if (selecting.compareAndSet(true, false)) {
            selector.wakeup();
        }
    }

    @Override
    public void stop() {
        stopping = true;
        Selector toWake = selector;
        if (toWake != null) {
            toWake.wakeup();
        }
    }

    @Override
    public void runLoop(ResultSink sink) {
        loopThread = Thread.currentThread();
        tasks.runsOn(loopThread);
        try {
            while (!stopping) {
                awaitAnswers();
                expireDeadlines();
                closeFinishedThenReport(sink);
                // Before the starts, so that the checks the tasks submit start now, within the same bound.
                tasks.runDue();
                // Started after the select, so that checks failing at once are delivered by this round's
                // flush instead of waiting for the next answer.
                startSubmitted(sink);
                sink.flush();
            }
        } finally {
            shutDown(sink);
        }
    }

    private void startSubmitted(ResultSink sink) {
        PendingCheck check;
        for (int started = 0; started < STARTS_PER_ROUND && (check = submitted.poll()) != null; started++) {
            start(check, sink);
        }
    }

    private void start(PendingCheck check, ResultSink sink) {
        InetSocketAddress target = check.address();
        SocketChannel channel;
        try {
            channel = channels.open(target, check.zeroLinger());
        } catch (IOException | RuntimeException | Error e) {
            // EMFILE and its like: this check's result, the loop goes on.
            sink.complete(check, failure(check, e));
            return;
        }
        try {
            if (channel.connect(target)) {
                HalfOpenChannels.closeQuietly(channel);
                sink.complete(check, CheckResult.up(target, ticker.nanoTime() - check.startNanos()));
                return;
            }
            int slot = takeSlot();
            InFlightCheck inFlight = new InFlightCheck(check, channel, slot);
            inFlight.key = channel.register(selector, SelectionKey.OP_CONNECT, inFlight);
            bySlot[slot] = inFlight;
            deadlines.add(slot, check.deadlineNanos());
        } catch (IOException | RuntimeException e) {
            // Refused or unreachable at once, or a failed register: the channel is not registered, it closes now.
            HalfOpenChannels.closeQuietly(channel);
            sink.complete(check, failure(check, e));
        }
    }

    private void awaitAnswers() {
        try {
            long next = deadlines.isEmpty() ? Long.MAX_VALUE : deadlines.earliestDeadline();
            long nextTask = tasks.nextDueNanos(); // due now when tasks were left over by the bound: no sleep
            if (nextTask != Long.MAX_VALUE && (next == Long.MAX_VALUE || nextTask - next < 0)) {
                next = nextTask;
            }
            boolean anyDeadline = next != Long.MAX_VALUE;
            long waitNanos = anyDeadline ? next - ticker.nanoTime() : 0;
            if (anyDeadline && waitNanos <= 0) {
                selector.selectNow(onReady);
                return;
            }
            // Announce the sleep before the last look at the queue: a submitter that adds after that look
            // sees the flag and wakes the selector.
            selecting.set(true);
            if (!submitted.isEmpty() || stopping || tasks.addedFromOutside()) {
                selecting.set(false);
                selector.selectNow(onReady);
                return;
            }
            // Rounded up to whole milliseconds: waking a little after the deadline is fine, waking before it
            // and spinning is not. 0 blocks until an answer or a wake-up.
            long millis = anyDeadline ? Math.max(1, TimeUnit.NANOSECONDS.toMillis(waitNanos + 999_999)) : 0;
            selector.select(onReady, millis);
            selecting.set(false);
        } catch (IOException e) {
            throw new UncheckedIOException("select failed on the NIO checking loop", e);
        }
    }

    /** Called by the selector for each channel whose connect has an answer. */
    private void finishConnect(SelectionKey key) {
        InFlightCheck inFlight = (InFlightCheck) key.attachment();
        if (inFlight.result != null) {
            return;
        }
        CheckResult result = answerIfAny(inFlight);
        if (result != null) { // null: a spurious wake-up, the key stays registered
            finish(inFlight, result);
        }
    }

    private void expireDeadlines() {
        if (deadlines.isEmpty()) {
            return;
        }
        long now = ticker.nanoTime();
        while (!deadlines.isEmpty() && deadlines.earliestDeadline() - now <= 0) {
            InFlightCheck inFlight = bySlot[deadlines.earliestSlot()];
            PendingCheck check = inFlight.check;
            // One select reports a bounded number of keys (the JDK reads up to ~1024 epoll events per call):
            // a channel answered in time may not have been reported yet. Ask it before calling it a timeout.
            CheckResult answer = answerIfAny(inFlight);
            finish(inFlight, answer != null ? answer : CheckResult.timeout(check.address(), check.timeoutNanos(), now - check.startNanos()));
        }
    }

    /** The result of a connect that has its answer, or null while it still waits. */
    private CheckResult answerIfAny(InFlightCheck inFlight) {
        PendingCheck check = inFlight.check;
        try {
            if (!inFlight.channel.finishConnect()) {
                return null;
            }
            return CheckResult.up(check.address(), ticker.nanoTime() - check.startNanos());
        } catch (IOException | RuntimeException e) {
            return failure(check, e);
        }
    }

    private void finish(InFlightCheck inFlight, CheckResult result) {
        inFlight.result = result;
        inFlight.key.cancel();
        deadlines.remove(inFlight.slot);
        finished.add(inFlight);
    }

    /** Close first, then report: the RST goes out before any callback can delay it. */
    private void closeFinishedThenReport(ResultSink sink) {
        if (finished.isEmpty()) {
            return;
        }
        deregisterCancelledKeys();
        for (InFlightCheck inFlight : finished) {
            HalfOpenChannels.closeQuietly(inFlight.channel);
            releaseSlot(inFlight.slot);
        }
        for (InFlightCheck inFlight : finished) {
            sink.complete(inFlight.check, inFlight.result);
        }
        finished.clear();
    }

    private void deregisterCancelledKeys() {
        try {
            // Ready events seen here belong to channels still in flight; select reports them again next round.
            selector.selectNow(IGNORE_READY);
        } catch (IOException e) {
            throw new UncheckedIOException("selectNow failed on the NIO checking loop", e);
        }
    }

    private CheckResult failure(PendingCheck check, Throwable error) {
        long latency = ticker.nanoTime() - check.startNanos();
        int errno = ConnectErrors.errnoOf(error);
        if (errno != 0) {
            return CheckResult.connectFailed(check.address(), errno, latency);
        }
        return CheckResult.error(check.address(), 0, ConnectErrors.describe(error), latency);
    }

    private int takeSlot() {
        if (freeCount > 0) {
            return freeSlots[--freeCount];
        }
        if (slotsUsed == bySlot.length) {
            bySlot = Arrays.copyOf(bySlot, slotsUsed * 2);
            freeSlots = Arrays.copyOf(freeSlots, slotsUsed * 2);
        }
        return slotsUsed++;
    }

    private void releaseSlot(int slot) {
        bySlot[slot] = null;
        freeSlots[freeCount++] = slot;
    }

    /** Fails every check not yet finished, closes every channel and the selector. */
    private void shutDown(ResultSink sink) {
        CheckerClosedException closed = new CheckerClosedException();
        List<InFlightCheck> open = new ArrayList<>();
        for (int slot = 0; slot < slotsUsed; slot++) {
            InFlightCheck inFlight = bySlot[slot];
            if (inFlight != null) {
                inFlight.key.cancel();
                open.add(inFlight);
                bySlot[slot] = null;
            }
        }
        try {
            if (selector.isOpen()) {
                selector.selectNow(IGNORE_READY);
            }
        } catch (IOException | ClosedSelectorException e) {
            // Closing the selector below deregisters whatever is left.
        }
        for (InFlightCheck inFlight : open) {
            HalfOpenChannels.closeQuietly(inFlight.channel);
        }
        for (InFlightCheck inFlight : finished) {
            // Finished in the round that failed: closed above if it was still registered, reported now.
            HalfOpenChannels.closeQuietly(inFlight.channel);
            sink.complete(inFlight.check, inFlight.result);
        }
        finished.clear();
        for (InFlightCheck inFlight : open) {
            if (inFlight.result == null) {
                sink.fail(inFlight.check, closed);
            }
        }
        PendingCheck check;
        while ((check = submitted.poll()) != null) {
            sink.fail(check, closed);
        }
        terminated = true;
        try {
            selector.close();
        } catch (IOException e) {
            // The loop is over; a selector that fails to close has nothing left to report to.
        }
        sink.flush();
        failSubmittedAfterTermination();
    }

    /** A check submitted while or after the loop ended: no loop will take it, so it fails here. */
    private void failSubmittedAfterTermination() {
        PendingCheck check;
        while ((check = submitted.poll()) != null) {
            check.future().completeExceptionally(new CheckerClosedException());
        }
    }
}
