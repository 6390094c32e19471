package io.tcpshake.core.internal.epoll;

import static io.tcpshake.core.internal.epoll.LinuxSyscalls.EPOLLERR;
import static io.tcpshake.core.internal.epoll.LinuxSyscalls.EPOLLET;
import static io.tcpshake.core.internal.epoll.LinuxSyscalls.EPOLLHUP;
import static io.tcpshake.core.internal.epoll.LinuxSyscalls.EPOLLIN;
import static io.tcpshake.core.internal.epoll.LinuxSyscalls.EPOLLOUT;
import static io.tcpshake.core.internal.epoll.LinuxSyscalls.EPOLL_CLOEXEC;
import static io.tcpshake.core.internal.epoll.LinuxSyscalls.EPOLL_CTL_ADD;
import static io.tcpshake.core.internal.epoll.SocketCalls.failure;

import io.tcpshake.core.CheckResult;
import io.tcpshake.core.CheckerClosedException;
import io.tcpshake.core.EngineInfo;
import io.tcpshake.core.EngineKind;
import io.tcpshake.core.Errno;
import io.tcpshake.core.Ticker;
import io.tcpshake.core.internal.engine.NativeLoopEngine;
import io.tcpshake.core.internal.engine.PendingCheck;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.List;

/**
 * The Linux engine: non-blocking sockets on one epoll loop, through JNA direct mapping. One loop thread
 * owns every descriptor and makes every {@code epoll_ctl} and {@code close}; other threads hand checks
 * over through a lock-free queue and wake the loop with an eventfd write, only when it may be asleep.
 *
 * <p>A zero-linger check (the half-open check) borrows a socket from a pool instead of creating one:
 * {@code connect} (EINPROGRESS), the event, {@code getsockopt(SO_ERROR)} once unless the event already
 * says UP, then {@code connect(AF_UNSPEC)}, which sends the RST (or silently aborts a timed-out SYN_SENT)
 * and leaves the socket in CLOSE for the next check. Only then is the result reported. The delayed final
 * ACK comes from {@code TCP_DEFER_ACCEPT}, set once when the pooled socket is made ({@link
 * SocketCalls#openHalfOpenSocket}): no socket, close, setsockopt or epoll_ctl per check in the steady
 * state, two system calls per UP check against the four of {@code halfopen-reuse.c}. Once the kernel's
 * source address for a destination is known, its checks use sockets bound to that address and a port
 * each, which spares the kernel a port search and a rehash per check ({@link SocketPools}). A FIN check
 * (zero linger off) creates, registers and closes a socket of its own.
 *
 * <p>Why an event is never taken for the wrong check:
 * <ul>
 *   <li>the epoll data word is a slot token (slot and generation), not the fd: when a descriptor is
 *       closed its slot's generation changes, so an event still queued for it names a dead token;</li>
 *   <li>pooled sockets are registered once, edge-triggered ({@code EPOLLET}): an idle socket in CLOSE
 *       reports EPOLLHUP, which level-triggered would repeat on every wait; edge-triggered it is reported
 *       once, to a slot without a check, and ignored;</li>
 *   <li>epoll computes the ready mask of each descriptor when {@code epoll_wait} returns it, from the
 *       socket's state then; a new connect clears the socket's pending error and puts it in SYN_SENT (no
 *       events), so what a wait reports after the connect is the new check's progress. The only events
 *       that predate a connect are those of the batch in hand when the connect was issued: a check
 *       remembers the wait it started after ({@link SlotTable#startedInWait}) and events of that same
 *       batch are ignored for it: a callback on the loop thread starts its next check in the middle of
 *       a batch, possibly on an idle socket whose stale event comes later in the same batch.</li>
 * </ul>
 * So a pooled socket needs no {@code EPOLL_CTL_MOD} (one-shot re-arming with a fresh token) per check:
 * that would add a system call per check for no event the rules above do not already reject.
 */
public final class EpollEngine extends NativeLoopEngine {
    private static final int MAX_EVENTS = 512;
    /**
     * New checks started per loop iteration, at most, whoever submitted them (another thread, a callback
     * or a task on the loop thread). Fewer than {@link #MAX_EVENTS}, so that answers are read at least as
     * fast as new SYNs go out: in a burst of thousands, a socket whose SYN-ACK waits behind a long run of
     * starts past the ~200 ms delayed-ACK window sends the ACK, and the target application gets a real
     * connection (a burst of 10,000 starts once caused thousands of accepted connections).
     */
    private static final int MAX_SUBMISSIONS_PER_ITERATION = 256;
    private static final long TRIM_INTERVAL_NANOS = 1_000_000_000L;
    private static final int SOCKET_EVENTS = EPOLLOUT | EPOLLERR | EPOLLHUP | EPOLLET;

    private final WakeUpEventFd wakeUp = new WakeUpEventFd();
    private volatile int epfd = -1;

    // Loop thread only, from here on.
    private final SlotTable slots = new SlotTable();
    private final SocketPools pools = new SocketPools();
    private EpollEventArray events;
    private EpollEventArray control;
    private SocketCalls calls;
    private long waitCount;
    /** The ticker when the current batch of events was collected: the end of every check it answers. */
    private long batchNanos;
    private boolean trimScheduled;
    private long nextTrimNanos;

    /**
     * Why this engine cannot run here (not Linux, an unsupported architecture, JNA missing or unable to
     * load, epoll forbidden), or null when it can.
     */
    public static Throwable unavailabilityCause() {
        return EpollAvailability.CAUSE;
    }

    /** @param ticker the clock of deadlines and latencies */
    public EpollEngine(Ticker ticker) {
        super(ticker, MAX_SUBMISSIONS_PER_ITERATION);
    }

    @Override
    public EngineInfo info() {
        return new EngineInfo(EngineKind.EPOLL, "epoll (JNA " + LinuxSyscalls.jnaVersion() + ", socket reuse)", null);
    }

    @Override
    public int pollerFd() {
        return epfd;
    }

    @Override
    public void open() throws IOException {
        initialiseJdkSockets();
        int ep = LinuxSyscalls.epoll_create1(EPOLL_CLOEXEC);
        if (ep < 0) {
            throw new IOException(failure("epoll_create1()", LinuxSyscalls.errno()));
        }
        try {
            wakeUp.open();
        } catch (IOException e) {
            LinuxSyscalls.close(ep);
            throw e;
        }
        // Native memory is plain malloc (no JNA cleaner): everything allocated here is freed again when
        // open fails, or by the loop's shutdown.
        control = new EpollEventArray(1);
        control.set(0, EPOLLIN, SlotTable.WAKE_TOKEN);
        if (LinuxSyscalls.epoll_ctl(ep, EPOLL_CTL_ADD, wakeUp.fd(), control.address()) < 0) {
            int errno = LinuxSyscalls.errno();
            control.free();
            wakeUp.close();
            LinuxSyscalls.close(ep);
            throw new IOException(failure("epoll_ctl(ADD) of the wake-up eventfd", errno));
        }
        events = new EpollEventArray(MAX_EVENTS);
        calls = new SocketCalls();
        epfd = ep;
    }

    /**
     * The JDK initialises its socket close machinery lazily, and fails for good (ExceptionInInitializerError)
     * when the first close happens with a full fd table, a state this engine is built to survive. One JDK
     * socket opened and closed now, while descriptors are free, spares the host application that.
     */
    private static void initialiseJdkSockets() {
        try {
            SocketChannel.open().close();
        } catch (IOException e) {
            // Nothing to initialise then; the engine itself does not use JDK sockets.
        }
    }

    @Override
    public int[] socketFds() {
        return slots.openFds();
    }

    @Override
    protected void wake() {
        wakeUp.signal();
    }

    /** One wait and what follows it. */
    @Override
    protected void runIteration() {
        int ready = collectEvents();
        waitCount++;
        batchNanos = ticker.nanoTime();
        inbox.newIteration();
        // A full batch may leave answers in the ready list: expiring now could call a check that was
        // answered in time a TIMEOUT. The next wait has timeout 0 and drains them first.
        boolean readyListDrained = ready < MAX_EVENTS;
        handleBatch(ready);
        if (readyListDrained) {
            expireDeadlines(batchNanos);
        }
        // Before the submissions, so that the checks the tasks submit start now, within the same bound.
        tasks.runDue();
        takeSubmissions();
        trimPoolsWhenDue();
        sink.flush();
    }

    /**
     * Handles the batch's events, starting the checks their callbacks submit. A method of its own, not a loop
     * in {@link #runIteration}: the JIT compiles a method with a busy loop twice, once by on-stack replacement
     * for the loop and once whole, and runIteration with everything it inlines took some 50 ms of C2 time
     * each time. This method stays small (what it calls is compiled on its own), and runIteration has no
     * loop: about 0.06 s less CPU for a 300,000-check CLI run.
     */
    private void handleBatch(int ready) {
        for (int i = 0; i < ready; i++) {
            handle(events.events(i), events.data(i));
            if (inbox.hasLoopSubmissions()) {
                // A callback on this thread submitted the next check: start it now, on the socket just
                // disconnected (still hot in the CPU caches), as a C loop would.
                inbox.startLoopSubmissions();
            }
        }
    }

    /**
     * The next batch of events. A busy loop finds answers ready, so it first looks without blocking: only
     * when there are none does it work out how long it may sleep and announce the sleep to submitters (a
     * clock read and two fenced stores saved per busy iteration, which at one check in flight is per check).
     */
    private int collectEvents() {
        int ready = waitForEvents(0);
        if (ready == 0) {
            int timeoutMillis = nextTimeoutMillis();
            if (timeoutMillis != 0) {
                ready = waitForEvents(timeoutMillis);
            }
        }
        return ready;
    }

    private int nextTimeoutMillis() {
        if (!inbox.isEmpty()) {
            return 0;
        }
        // A task is due now when tasks were left over by the bound: then no sleep.
        long next = nextDueNanos();
        return millisUntil(trimScheduled ? earlier(next, nextTrimNanos) : next);
    }

    private int waitForEvents(int timeoutMillis) {
        boolean mayBlock = timeoutMillis != 0;
        if (mayBlock) {
            // Re-checks after announcing the sleep: a submitter that saw the loop awake did not write the
            // eventfd, so its check (or task) must be visible here.
            timeoutMillis = inbox.announceSleep(timeoutMillis, tasks.addedFromOutside());
        }
        int ready = LinuxSyscalls.epoll_wait(epfd, events.address(), MAX_EVENTS, timeoutMillis);
        if (mayBlock) {
            inbox.awake();
        }
        if (ready < 0) {
            int errno = LinuxSyscalls.errno();
            if (errno == Errno.EINTR) {
                return 0;
            }
            throw new IllegalStateException(failure("epoll_wait() on epoll fd " + epfd, errno));
        }
        return ready;
    }

    private void handle(int readyEvents, long token) {
        if (token == SlotTable.WAKE_TOKEN) {
            wakeUp.drain();
            return;
        }
        int slot = slots.slotOf(token);
        if (slot < 0) {
            return; // its descriptor was closed since the event was queued
        }
        PendingCheck check = slots.check(slot);
        if (check == null || slots.startedInWait(slot) == waitCount) {
            return; // an idle pooled socket, or a check started after this batch was collected
        }
        finish(slot, check, readyEvents);
    }

    /**
     * The connect of the slot's check completed: read the result, release the socket, then report.
     *
     * <p>A bare EPOLLOUT is the SYN-ACK: the socket left SYN_SENT (which reports nothing) for ESTABLISHED
     * with no pending error (a pending error always adds EPOLLERR), so the result is UP without a
     * {@code getsockopt(SO_ERROR)}; the next connect clears the error state anyway. Any other mask reads
     * SO_ERROR, once (reading clears it).
     */
    private void finish(int slot, PendingCheck check, int readyEvents) {
        int fd = slots.fd(slot);
        boolean connected = (readyEvents & (EPOLLOUT | EPOLLERR | EPOLLHUP)) == EPOLLOUT;
        int error = connected ? 0 : calls.takeError(fd);
        // Every check this batch answers was started before the wait that collected it: its answer is in
        // by batchNanos. One clock read per batch, not one per check.
        long latency = batchNanos - check.startNanos();
        deadlines.remove(slot);
        slots.end(slot);
        if (slots.pooled(slot)) {
            forgetSourceUnlessAnswered(slot, check, connected || error == Errno.ECONNREFUSED);
            returnToPool(slot, connected || error > 0);
        } else {
            closeSlot(slot);
        }
        sink.complete(check, connected ? CheckResult.up(check.address(), latency)
                : resultOf(check.address(), error, readyEvents, latency));
    }

    /** The result of a check whose event was not a bare EPOLLOUT, from its SO_ERROR (or the failure to read it). */
    private static CheckResult resultOf(InetSocketAddress address, int error, int readyEvents, long latency) {
        if (error > 0) {
            return CheckResult.connectFailed(address, error, latency);
        }
        if (error < 0) {
            return CheckResult.error(address, -error, failure("getsockopt(SO_ERROR)", -error), latency);
        }
        // EPOLLERR or EPOLLHUP without a pending error: not an outcome the kernel should produce.
        return CheckResult.error(address, 0, "the socket reported events 0x" + Integer.toHexString(readyEvents)
                + " without an error", latency);
    }

    @Override
    protected PendingCheck endAtDeadline(int slot) {
        PendingCheck check = slots.end(slot);
        if (slots.pooled(slot)) {
            forgetSourceUnlessAnswered(slot, check, false);
            returnToPool(slot, true); // the disconnect aborts SYN_SENT without a packet
        } else {
            closeSlot(slot);
        }
        return check;
    }

    /** Starts submitted checks within what is left of this iteration's bound; the rest wait for the next. */
    private void takeSubmissions() {
        inbox.startSubmissions();
    }

    @Override
    protected void start(PendingCheck check) {
        if (check.zeroLinger()) {
            startPooled(check);
        } else {
            startWithOwnSocket(check);
        }
    }

    private void startPooled(PendingCheck check) {
        SocketPool bound = boundPoolFor(check.address());
        if (bound == null || !startOnBoundSocket(bound, check)) {
            startOnUnboundSocket(check);
        }
    }

    /** The pool bound to the source the kernel picks for the address, learned now when unknown or stale. */
    private SocketPool boundPoolFor(InetSocketAddress address) {
        InetAddress destination = address.getAddress();
        SocketPool pool = pools.boundFor(destination, batchNanos);
        if (pool == null && pools.mustLearn(destination, batchNanos)) {
            pool = pools.learn(destination, calls.sourceFor(address), batchNanos);
            retireUnusedPools();
        }
        return pool;
    }

    /** The check on a socket whose address and port the kernel picks at connect. */
    private void startOnUnboundSocket(PendingCheck check) {
        InetSocketAddress address = check.address();
        SocketPool pool = pools.unbound(SocketCalls.familyOf(address));
        int slot = pool.borrow();
        if (slot < 0) {
            int fd = calls.openHalfOpenSocket(pool.family());
            if (fd < 0) {
                reportFailure(check, "socket() with SO_LINGER and TCP_DEFER_ACCEPT", -fd);
                return;
            }
            slot = registerPooled(fd, pool, 0);
            if (slot < 0) {
                reportFailure(check, "epoll_ctl(ADD)", -slot);
                return;
            }
            pool.created();
        }
        int errno = connectPooled(slot, check);
        if (errno != 0) {
            sink.complete(check, CheckResult.connectFailed(address, errno, ticker.nanoTime() - check.startNanos()));
        }
    }

    /**
     * The check on a socket of the pool bound to its destination's learned source (see {@link SocketPools});
     * false when it cannot run there, and then nothing is reported: the caller runs it on an unbound socket,
     * as the kernel chooses.
     */
    private boolean startOnBoundSocket(SocketPool pool, PendingCheck check) {
        InetSocketAddress address = check.address();
        int slot = pool.borrow();
        if (slot < 0) {
            slot = openBoundSocket(pool);
            if (slot < 0) { // no free port on that address
                pools.stayUnbound(address.getAddress(), batchNanos);
                return false;
            }
            pool.created();
        }
        if (slots.localPort(slot) == address.getPort()) {
            // The target's port is this socket's own port: were the target also its address, the connect
            // would reach the socket itself (a TCP self-connect, which reads as UP).
            pool.giveBack(slot);
            return false;
        }
        pool.usedAt(batchNanos);
        if (connectPooled(slot, check) != 0) {
            // Refused by the local stack at once: the address may be gone (ENETUNREACH), or a local rule
            // refuses it. No answer from the target: the check runs again on an unbound socket.
            pools.stayUnbound(address.getAddress(), batchNanos);
            return false;
        }
        return true;
    }

    /**
     * Connects a pooled socket for the check: 0 when the check now runs (or was answered UP at once), or the
     * errno of a connect that failed at once, whose socket is then closed (a failed connect may leave it in
     * a state of its own: never reused).
     */
    private int connectPooled(int slot, PendingCheck check) {
        int result = calls.connect(slots.fd(slot), check.address());
        if (result == -Errno.EINPROGRESS) {
            slots.begin(slot, check, waitCount);
            deadlines.add(slot, check.deadlineNanos());
            return 0;
        }
        if (result == 0) { // connected at once: still reset at once
            returnToPool(slot, true);
            sink.complete(check, CheckResult.up(check.address(), ticker.nanoTime() - check.startNanos()));
            return 0;
        }
        discard(slot);
        return -result;
    }

    /** A new socket of a bound pool, with a port of its own; -1 when none can be had now. */
    private int openBoundSocket(SocketPool pool) {
        int fd = calls.openHalfOpenSocket(pool.family());
        if (fd < 0) {
            return -1;
        }
        int port = calls.bindToOwnPort(fd, pool.family(), pool.source());
        if (port < 0) {
            SocketCalls.close(fd);
            return -1;
        }
        int slot = registerPooled(fd, pool, port);
        return slot < 0 ? -1 : slot;
    }

    /** Registers a new pooled socket with epoll, once for all its checks: its slot, or -errno (then closed). */
    private int registerPooled(int fd, SocketPool pool, int localPort) {
        int slot = slots.allocate(fd, pool, localPort);
        control.set(0, SOCKET_EVENTS, slots.token(slot));
        if (LinuxSyscalls.epoll_ctl(epfd, EPOLL_CTL_ADD, fd, control.address()) < 0) {
            int errno = LinuxSyscalls.errno();
            closeSlot(slot);
            return -errno;
        }
        return slot;
    }

    /** The FIN check: a socket of its own, registered after connect, closed with an orderly FIN. */
    private void startWithOwnSocket(PendingCheck check) {
        InetSocketAddress address = check.address();
        int fd = calls.openSocket(SocketCalls.familyOf(address));
        if (fd < 0) {
            reportFailure(check, "socket()", -fd);
            return;
        }
        int slot = slots.allocate(fd, null, 0);
        int result = calls.connect(fd, address);
        if (result == -Errno.EINPROGRESS) {
            control.set(0, SOCKET_EVENTS, slots.token(slot));
            if (LinuxSyscalls.epoll_ctl(epfd, EPOLL_CTL_ADD, fd, control.address()) < 0) {
                int errno = LinuxSyscalls.errno();
                closeSlot(slot);
                reportFailure(check, "epoll_ctl(ADD)", errno);
                return;
            }
            slots.begin(slot, check, waitCount);
            deadlines.add(slot, check.deadlineNanos());
            return;
        }
        closeSlot(slot);
        long latency = ticker.nanoTime() - check.startNanos();
        sink.complete(check, result == 0 ? CheckResult.up(address, latency)
                : CheckResult.connectFailed(address, -result, latency));
    }

    /**
     * Disconnects a pooled socket whose check is over and makes it idle; closes it instead when its state
     * is unclear ({@code settled} false, or the disconnect failed). Closing sends RST (SO_LINGER {1, 0}).
     */
    private void returnToPool(int slot, boolean settled) {
        if (settled && !slots.pool(slot).retired() && calls.disconnect(slots.fd(slot)) == 0) {
            slots.pool(slot).giveBack(slot);
        } else {
            discard(slot);
        }
    }

    private void discard(int slot) {
        SocketPool pool = slots.pool(slot);
        closeSlot(slot);
        pool.discarded();
    }

    /**
     * A check through a bound pool ended: unless the target answered (UP, or refused by its RST), the route
     * may have changed, so the kernel picks the destination's source again next time.
     */
    private void forgetSourceUnlessAnswered(int slot, PendingCheck check, boolean answered) {
        if (!answered && slots.pool(slot).bound()) {
            pools.forget(check.address().getAddress());
        }
    }

    /** Closes the idle sockets of the bound pools no check has used for a while, and drops the pools. */
    private void retireUnusedPools() {
        for (SocketPool pool : pools.retireUnused(batchNanos)) {
            for (int slot : pool.retire()) {
                closeSlot(slot);
            }
        }
    }

    /** Closes the slot's descriptor (which also removes it from epoll) and frees the slot. */
    private void closeSlot(int slot) {
        SocketCalls.close(slots.fd(slot));
        slots.release(slot);
    }

    private void reportFailure(PendingCheck check, String call, int errno) {
        sink.complete(check, CheckResult.error(check.address(), errno, failure(call, errno),
                ticker.nanoTime() - check.startNanos()));
    }

    /** Closes idle pooled sockets beyond what the last second needed; a trim is due a second after the
     * pools first hold more than a few idle sockets, and again while they still do. */
    private void trimPoolsWhenDue() {
        if (trimScheduled && batchNanos - nextTrimNanos >= 0) {
            trimScheduled = false;
            for (SocketPool pool : pools.all()) {
                for (int slot : pool.trim()) {
                    closeSlot(slot);
                }
            }
        }
        if (!trimScheduled && anyOversized()) {
            trimScheduled = true;
            nextTrimNanos = batchNanos + TRIM_INTERVAL_NANOS;
        }
    }

    /** Called every iteration: an indexed loop, no iterator. */
    private boolean anyOversized() {
        List<SocketPool> all = pools.all();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).oversized()) {
                return true;
            }
        }
        return false;
    }

    /** Closes every socket, pooled or in flight, and fails the checks in flight. */
    @Override
    protected void failInFlight() {
        for (int slot = 0; slot < slots.highWater(); slot++) {
            if (slots.fd(slot) < 0) {
                continue;
            }
            PendingCheck check = slots.check(slot);
            closeSlot(slot);
            if (check != null) {
                sink.fail(check, new CheckerClosedException());
            }
        }
    }

    @Override
    protected void release() {
        LinuxSyscalls.close(epfd);
        epfd = -1;
        wakeUp.close();
        events.free();
        control.free();
        calls.free();
    }
}
