package io.tcpshake.core.internal.raw;

import io.tcpshake.core.CheckResult;
import io.tcpshake.core.CheckerClosedException;
import io.tcpshake.core.EngineInfo;
import io.tcpshake.core.EngineKind;
import io.tcpshake.core.Errno;
import io.tcpshake.core.Ticker;
import io.tcpshake.core.internal.engine.NativeLoopEngine;
import io.tcpshake.core.internal.engine.PendingCheck;
import io.tcpshake.core.internal.epoll.EpollEngine;
import io.tcpshake.core.internal.epoll.NativeBuffer;
import io.tcpshake.core.internal.epoll.WakeUpEventFd;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * The raw-socket engine (Linux, CAP_NET_RAW): no socket per check at all. The SYN of each check is built
 * here and sent on a raw socket, in {@code sendmmsg} batches; the answers (SYN-ACK, RST, ICMP errors) are
 * read from raw sockets whose BPF filters keep everything else out, in {@code recvmmsg} batches (one SYN or
 * one awaited answer alone with {@code sendto} or {@code recvfrom}), and
 * matched to their checks by port, address and sequence number ({@link ProbeTable}, {@link SequenceNumbers}).
 * The client's kernel has no socket for the connection, so it answers the SYN-ACK with a reset by itself:
 * the target sees {@code [S]}, {@code [S.]}, {@code [R]}. Source ports are reserved for the engine's life
 * by bound sockets that never listen ({@link ReservedPorts}), so no connection of the host's shares them.
 *
 * <p>Outcomes, errno values, timeouts and latencies mean what they mean in the epoll engine: a SYN-ACK is
 * UP, the target's RST is {@code ECONNREFUSED}, an ICMP error gives the errno the kernel's TCP would give
 * ({@link ErrnoOfIcmp}), a destination without a route the errno of the route lookup, and a probe still
 * unanswered at its deadline is a TIMEOUT (nothing to abort: the kernel has no state for it). One loop
 * thread owns everything; other threads hand checks over through a queue and wake it with an eventfd.
 *
 * <p>Only half-open checks: a FIN check (zero linger off) needs a real connection, and gets an ERROR
 * result saying so.
 */
public final class RawEngine extends NativeLoopEngine {
    /** Source ports reserved: the checks in flight to one destination, at most. */
    static final int PORTS = 1024;
    private static final int MAX_SUBMISSIONS_PER_ITERATION = 256;
    /** How often checks waiting for a port look again, at most, when nothing else wakes the loop. */
    private static final int PORT_WAIT_MILLIS = 5;
    /** Busy iterations between two full polls. */
    private static final int POLL_EVERY = 64;
    private static final int[] SOCKET_KINDS = {AnswerReader.TCP4, AnswerReader.TCP6, AnswerReader.ICMP4,
        AnswerReader.ICMP6};

    private final WakeUpEventFd wakeUp = new WakeUpEventFd();
    /** Checks whose destination has a probe on every reserved port; loop thread only. */
    private final ArrayDeque<PendingCheck> waitingForPort = new ArrayDeque<>();

    // Loop thread only, from here on.
    private final SequenceNumbers sequences = new SequenceNumbers();
    private ReservedPorts ports;
    private RawSockets sockets;
    private ProbeTable probes;
    private Routes routes;
    private AnswerReader reader;
    private SynSender ipv4;
    private SynSender ipv6;
    private NativeBuffer pollFds;
    private long batchNanos;
    /** Something was sent or read last iteration: answers may be coming, so the loop polls without waiting. */
    private boolean busy;
    private int busyIterations;
    /** {@link ProbeTable#removals()} when the checks waiting for a port were last tried. */
    private long removalsSeen;
    private long lastSweepNanos;

    /**
     * Why this engine cannot run here, or null when it can: the epoll engine's reasons (not Linux, JNA
     * cannot load), or no CAP_NET_RAW ({@code socket(AF_INET, SOCK_RAW, IPPROTO_TCP)} refused).
     */
    public static String unavailabilityReason() {
        Throwable epoll = EpollEngine.unavailabilityCause();
        if (epoll != null) {
            return "raw engine needs JNA on Linux: " + epoll.getMessage();
        }
        String refused = RawSockets.unavailability();
        return refused == null ? null : "raw engine needs CAP_NET_RAW: " + refused;
    }

    /** @param ticker the clock of deadlines and latencies */
    public RawEngine(Ticker ticker) {
        super(ticker, MAX_SUBMISSIONS_PER_ITERATION);
    }

    @Override
    public EngineInfo info() {
        return new EngineInfo(EngineKind.RAW, "raw (CAP_NET_RAW, " + RawSyscalls.binding() + ")", null);
    }

    @Override
    public int pollerFd() {
        return -1;
    }

    @Override
    public void open() throws IOException {
        ports = ReservedPorts.bind(PORTS);
        try {
            sockets = RawSockets.open(ports.low, ports.high);
        } catch (IOException e) {
            ports.close();
            throw e;
        }
        try {
            wakeUp.open();
        } catch (IOException e) {
            sockets.close();
            ports.close();
            throw e;
        }
        probes = new ProbeTable(ports.ports);
        routes = new Routes();
        reader = new AnswerReader(probes, this::answered);
        ipv4 = new SynSender(this::notSent);
        ipv4.sendThrough(sockets.tcp4);
        ipv6 = new SynSender(this::notSent);
        ipv6.sendThrough(sockets.tcp6);
        // struct pollfd {int fd; short events; short revents;}: the wake-up, then the four raw sockets.
        int[] fds = {wakeUp.fd(), sockets.tcp4, sockets.tcp6, sockets.icmp4, sockets.icmp6};
        pollFds = new NativeBuffer(8 * fds.length);
        for (int i = 0; i < fds.length; i++) {
            pollFds.bytes.putInt(8 * i, fds[i]); // poll ignores a negative fd
            pollFds.bytes.putShort(8 * i + 4, RawSyscalls.POLLIN);
        }
    }

    @Override
    protected void wake() {
        wakeUp.signal();
    }

    /**
     * One iteration. While busy (answers came or SYNs went out last time), the TCP sockets are read
     * directly, without a poll first: on a fast path the next answers are already queued (on loopback the
     * whole handshake runs inside the send), so a check costs a share of a {@code recvmmsg} and of a
     * {@code sendmmsg}, at one in flight a {@code recvfrom} and a {@code sendto}, and nothing else. A full poll (the wake-up eventfd, the ICMP sockets) runs
     * every {@link #POLL_EVERY} busy iterations, and whenever the loop is idle.
     */
    @Override
    protected void runIteration() {
        boolean polled = !busy || ++busyIterations >= POLL_EVERY;
        if (polled) {
            busyIterations = 0;
            waitForAnswers();
        }
        batchNanos = ticker.nanoTime();
        inbox.newIteration();
        boolean moreQueued = polled ? readAnswers() : readTcpAnswers();
        if (!moreQueued) {
            expireDeadlines(batchNanos); // an answer still queued may be in time: expire only with the queues drained
        }
        tasks.runDue();
        takeSubmissions();
        sink.flush();
    }

    /** Polls the sockets: without waiting while busy, else until the next deadline or task, or a wake-up. */
    private void waitForAnswers() {
        int timeoutMillis = busy ? 0 : nextTimeoutMillis();
        boolean mayBlock = timeoutMillis != 0;
        if (mayBlock) {
            timeoutMillis = inbox.announceSleep(timeoutMillis, tasks.addedFromOutside());
        }
        int ready = RawSyscalls.poll(pollFds.address, 5, timeoutMillis);
        if (mayBlock) {
            inbox.awake();
        }
        if (ready < 0 && RawSyscalls.errno() != Errno.EINTR) {
            throw new IllegalStateException(RawSockets.failure("poll()", RawSyscalls.errno()));
        }
        if (ready < 0) {
            for (int i = 0; i < 5; i++) { // interrupted: nothing is known to be readable
                pollFds.bytes.putShort(8 * i + 6, (short) 0);
            }
        }
    }

    private int nextTimeoutMillis() {
        if (!inbox.isEmpty()) {
            return 0;
        }
        int millis = millisUntil(nextDueNanos());
        if (waitingForPort.isEmpty()) {
            return millis;
        }
        return millis < 0 ? PORT_WAIT_MILLIS : Math.min(millis, PORT_WAIT_MILLIS);
    }

    /** Reads the sockets poll found readable; true when one may hold more than was read. */
    private boolean readAnswers() {
        busy = false;
        if (readable(0)) {
            wakeUp.drain();
        }
        boolean more = false;
        for (int i = 0; i < SOCKET_KINDS.length; i++) {
            if (readable(i + 1)) {
                more |= took(reader.read(pollFds.bytes.getInt(8 * (i + 1)), SOCKET_KINDS[i]));
            }
        }
        return more;
    }

    /** Reads the TCP sockets without a poll (the IPv6 one only with IPv6 probes in flight); as readAnswers. */
    private boolean readTcpAnswers() {
        busy = false;
        boolean more = took(reader.read(sockets.tcp4, AnswerReader.TCP4));
        if (probes.ipv6InFlight() > 0) {
            more |= took(reader.read(sockets.tcp6, AnswerReader.TCP6));
        }
        return more;
    }

    /** Notes answers read: true when the socket may hold more. */
    private boolean took(int answers) {
        busy |= answers > 0;
        return answers == AnswerReader.MAX_READ;
    }

    private boolean readable(int index) {
        return (pollFds.bytes.getShort(8 * index + 6) & RawSyscalls.POLLIN) != 0;
    }

    /** A probe was answered: the check is over (the kernel has already reset the connection). */
    private void answered(int slot, int errno) {
        deadlines.remove(slot);
        PendingCheck check = probes.remove(slot);
        long latency = batchNanos - check.startNanos();
        sink.complete(check, errno == 0 ? CheckResult.up(check.address(), latency)
                : CheckResult.connectFailed(check.address(), errno, latency));
    }

    /** The kernel refused to send a probe's SYN: the errno is the check's result, as a failed connect's. */
    private void notSent(int slot, int errno) {
        deadlines.remove(slot);
        PendingCheck check = probes.remove(slot);
        sink.complete(check, CheckResult.connectFailed(check.address(), errno, ticker.nanoTime() - check.startNanos()));
    }

    /** An unanswered probe: nothing to abort, the kernel has no state for it. */
    @Override
    protected PendingCheck endAtDeadline(int slot) {
        return probes.remove(slot);
    }

    private void takeSubmissions() {
        retryWaitingForPort();
        inbox.startSubmissions();
        if (!ipv4.isEmpty()) {
            ipv4.flush();
            busy = true;
        }
        if (!ipv6.isEmpty()) {
            ipv6.flush();
            busy = true;
        }
    }

    /**
     * The checks that found no free port get another try when probes gave ports back since the last try,
     * as many as were given back, from the head of the queue; one that fails goes to its tail. Every
     * {@link #PORT_WAIT_MILLIS} the whole queue is swept for checks past their deadline (TIMEOUT). So a
     * long queue costs nothing while no port frees, and never holds up new submissions.
     */
    private void retryWaitingForPort() {
        if (waitingForPort.isEmpty()) {
            return;
        }
        long now = ticker.nanoTime();
        int attempts = (int) Math.min(waitingForPort.size(), probes.removals() - removalsSeen);
        removalsSeen = probes.removals();
        boolean sweep = now - lastSweepNanos >= TimeUnit.MILLISECONDS.toNanos(PORT_WAIT_MILLIS);
        if (sweep) {
            lastSweepNanos = now;
        }
        for (int visit = sweep ? waitingForPort.size() : attempts; visit > 0; visit--) {
            PendingCheck check = waitingForPort.poll();
            if (check.deadlineNanos() - now <= 0) {
                sink.complete(check, CheckResult.timeout(check.address(), check.timeoutNanos(), now - check.startNanos()));
            } else if (attempts > 0) {
                attempts--;
                start(check);
            } else {
                waitingForPort.add(check);
            }
        }
    }

    @Override
    protected void start(PendingCheck check) {
        if (!check.zeroLinger()) {
            sink.complete(check, CheckResult.error(check.address(), Errno.EINVAL,
                    "the raw engine makes half-open checks only (RST); a FIN check needs the epoll or NIO engine",
                    0));
            return;
        }
        InetAddress address = check.address().getAddress();
        boolean v6 = address instanceof Inet6Address;
        if (v6 && sockets.tcp6 < 0) {
            failAtOnce(check, sockets.ipv6Errno);
            return;
        }
        Route route = routes.to(address, batchNanos);
        if (route.errno != 0) {
            failAtOnce(check, route.errno);
            return;
        }
        int slot = probes.add(check, route);
        if (slot < 0) {
            // Every reserved port has a probe to this destination in flight: the check waits for one. (The
            // epoll engine's connect would wait for nothing but fail with EADDRNOTAVAIL once the kernel's
            // ephemeral ports to the destination run out, some 28,000 in flight rather than 1,024.)
            waitingForPort.add(check);
            return;
        }
        int targetPort = check.address().getPort();
        int sourcePort = probes.sourcePort(slot);
        int sequence = sequences.next(sourcePort, targetPort, route);
        probes.setSequence(slot, sequence);
        deadlines.add(slot, check.deadlineNanos());
        (v6 ? ipv6 : ipv4).queue(slot, route, sourcePort, targetPort, sequence);
    }

    private void failAtOnce(PendingCheck check, int errno) {
        sink.complete(check, CheckResult.connectFailed(check.address(), errno, ticker.nanoTime() - check.startNanos()));
    }

    @Override
    protected void failInFlight() {
        for (int slot = 0; slot < probes.highWater(); slot++) {
            if (probes.check(slot) != null) {
                sink.fail(probes.remove(slot), new CheckerClosedException());
            }
        }
        PendingCheck check;
        while ((check = waitingForPort.poll()) != null) {
            sink.fail(check, new CheckerClosedException());
        }
    }

    @Override
    protected void release() {
        wakeUp.close();
        sockets.close();
        ports.close();
        reader.free();
        ipv4.free();
        ipv6.free();
        routes.free();
        pollFds.free();
    }
}
