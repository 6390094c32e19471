package io.tcpshake.bench;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import io.tcpshake.core.internal.epoll.EpollEngine;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Collections;

/**
 * The floor of the epoll engine: {@code halfopen-reuse.c}'s loop written in Java over JNA direct mapping,
 * with the engine's two calls per check ({@code connect}, {@code connect(AF_UNSPEC)}; {@code
 * TCP_DEFER_ACCEPT} and Reno congestion control set once per socket, and each socket bound for good to the kernel's source address for
 * the target and a port of its own) and nothing else: no futures, results, deadlines or pool. The
 * engine's distance to it is its per-check bookkeeping; this loop's distance to the C loops is JNA and
 * the JVM. IPv4 only, no timeouts: a benchmark baseline, not a checker.
 */
final class JnaLoopScenario implements Scenario {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int MAX_EVENTS = 512;
    private static final int EPOLLOUT = 0x004;
    private static final int EPOLLERR = 0x008;
    private static final int EPOLLHUP = 0x010;
    private static final int EPOLLET = 0x80000000;

    @Override
    public String name() {
        return "jna-halfopen-reuse";
    }

    @Override
    public String unavailableReason() {
        Throwable cause = EpollEngine.unavailabilityCause();
        return cause == null ? null : "JNA/epoll unavailable: " + cause.getMessage();
    }

    @Override
    public Measurement run(InetSocketAddress target, long checks, int inFlight) throws Exception {
        if (!(target.getAddress() instanceof Inet4Address)) {
            throw new IllegalArgumentException(name() + " checks IPv4 targets only");
        }
        Measurement[] result = new Measurement[1];
        Throwable[] failure = new Throwable[1];
        ResourceMeter meter = ResourceMeter.start();
        // A thread of its own, as the engine's loop: its CPU time is the loop's.
        Thread loop = new Thread(() -> {
            try {
                result[0] = runLoop(target, checks, inFlight);
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, "jna-halfopen-reuse-loop");
        loop.start();
        loop.join();
        if (failure[0] != null) {
            throw new IllegalStateException(name() + " failed", failure[0]);
        }
        Measurement loopOnly = result[0];
        Measurement m = new Measurement(name(), inFlight, loopOnly.checks, loopOnly.up, loopOnly.seconds,
                meter.cpuNanos(), -1);
        m.loopCpuNanos = loopOnly.loopCpuNanos;
        return m;
    }

    private Measurement runLoop(InetSocketAddress target, long checks, int inFlight) {
        Memory memory = new Memory(16 + 16 + 8 + 8 + 12L * MAX_EVENTS + 16 + 4 + 4);
        memory.clear(); // malloc'd: the AF_UNSPEC address below must be zeros
        ByteBuffer bytes = memory.getByteBuffer(0, memory.size()).order(ByteOrder.nativeOrder());
        long base = Pointer.nativeValue(memory);
        long destination = base;
        long unspecified = base + 16;
        long one = base + 32;
        long lingerZero = base + 36; // {l_onoff 1, l_linger 0}: 8 bytes
        int eventsAt = 48;
        long events = base + eventsAt;
        int localAt = eventsAt + 12 * MAX_EVENTS; // a sockaddr_in for bind and getsockname, then its length
        long local = base + localAt;
        long localLength = local + 16;
        int renoAt = localAt + 20; // "reno", for TCP_CONGESTION
        long reno = base + renoAt;
        bytes.putShort(0, (short) 2); // AF_INET
        bytes.put(2, (byte) (target.getPort() >>> 8)).put(3, (byte) target.getPort());
        byte[] ip = target.getAddress().getAddress();
        for (int i = 0; i < 4; i++) {
            bytes.put(4 + i, ip[i]);
        }
        bytes.putInt(32, 1).putInt(36, 1).putInt(40, 0);
        for (int i = 0; i < 4; i++) {
            bytes.put(renoAt + i, (byte) "reno".charAt(i));
        }
        // The source the kernel picks for the target, as the engine asks it: a UDP connect, no packet.
        int udp = Calls.socket(2, 2 | 0x80000, 0);
        bytes.putInt(localAt + 16, 16);
        boolean learned = udp >= 0 && Calls.connect(udp, destination, 16) == 0
                && Calls.getsockname(udp, local, localLength) == 0;
        int errno = Native.getLastError();
        Calls.close(udp);
        if (!learned) {
            throw new IllegalStateException("no source address for " + target + ": errno " + errno);
        }
        int epfd = Calls.epoll_create1(0x80000);
        int[] fds = new int[inFlight];
        try {
            for (int i = 0; i < inFlight; i++) {
                fds[i] = Calls.socket(2, 1 | 0x800 | 0x80000, 0);
                if (fds[i] < 0 || Calls.setsockopt(fds[i], 1, 13, lingerZero, 8) < 0
                        || Calls.setsockopt(fds[i], 6, 9, one, 4) < 0
                        || Calls.setsockopt(fds[i], 6, 13, reno, 4) < 0) {
                    throw new IllegalStateException("socket setup failed: errno " + Native.getLastError());
                }
                bindToOwnPort(fds[i], bytes, localAt, local, localLength);
                bytes.putInt(eventsAt, EPOLLOUT | EPOLLERR | EPOLLHUP | EPOLLET).putLong(eventsAt + 4, i);
                Calls.epoll_ctl(epfd, 1, fds[i], events);
            }
            long cpuStart = THREADS.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            long started = 0;
            long done = 0;
            long up = 0;
            int lastConnect = 0;
            int lastErrno = 0;
            for (int i = 0; i < inFlight && started < checks; i++) {
                started++;
                Calls.connect(fds[i], destination, 16);
                Native.getLastError(); // the engine reads errno after every connect (EINPROGRESS)
            }
            while (done < checks) {
                int ready = Calls.epoll_wait(epfd, events, MAX_EVENTS, 1000);
                if (ready <= 0) {
                    throw new IllegalStateException("no answer for 1 s (epoll_wait " + ready + ") after " + done
                            + " checks; the last connect returned " + lastConnect + ", errno " + lastErrno);
                }
                for (int j = 0; j < ready; j++) {
                    int mask = bytes.getInt(eventsAt + 12 * j) & (EPOLLOUT | EPOLLERR | EPOLLHUP);
                    if (mask == EPOLLHUP) {
                        continue; // the disconnect's own event, on a socket already connecting again
                    }
                    if (mask == EPOLLOUT) {
                        up++;
                    }
                    int fd = fds[(int) bytes.getLong(eventsAt + 4 + 12 * j)];
                    Calls.connect(fd, unspecified, 16);
                    done++;
                    if (started < checks) {
                        started++;
                        lastConnect = Calls.connect(fd, destination, 16);
                        lastErrno = Native.getLastError();
                    }
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            long cpu = THREADS.getCurrentThreadCpuTime() - cpuStart;
            Measurement m = new Measurement(name(), inFlight, checks, up, seconds, -1, -1);
            m.loopCpuNanos = cpu;
            return m;
        } finally {
            for (int fd : fds) {
                if (fd > 0) {
                    Calls.close(fd);
                }
            }
            Calls.close(epfd);
            memory.close();
        }
    }

    /** Binds fd to the source in {@code local} and a free port the kernel picks for a probe socket. */
    private static void bindToOwnPort(int fd, ByteBuffer bytes, int localAt, long local, long localLength) {
        bytes.putShort(localAt + 2, (short) 0);
        int probe = Calls.socket(2, 1 | 0x80000, 0);
        bytes.putInt(localAt + 16, 16);
        boolean probed = probe >= 0 && Calls.bind(probe, local, 16) == 0
                && Calls.getsockname(probe, local, localLength) == 0;
        int errno = Native.getLastError();
        Calls.close(probe);
        if (!probed) {
            throw new IllegalStateException("no free port: errno " + errno);
        }
        if (Calls.bind(fd, local, 16) < 0) {
            throw new IllegalStateException("bind failed: errno " + Native.getLastError());
        }
    }

    /** libc through JNA direct mapping, bound to a process handle of its own, as the engine's. */
    private static final class Calls {
        static {
            NativeLibrary process = NativeLibrary.getProcess(Collections.singletonMap("tcpshake-bench", "jna loop"));
            try {
                Native.register(Calls.class, process);
            } finally {
                process.close();
            }
        }

        static native int socket(int domain, int type, int protocol);

        static native int setsockopt(int fd, int level, int name, long value, int length);

        static native int connect(int fd, long address, int length);

        static native int bind(int fd, long address, int length);

        static native int getsockname(int fd, long address, long lengthPointer);

        static native int close(int fd);

        static native int epoll_create1(int flags);

        static native int epoll_ctl(int epfd, int op, int fd, long event);

        static native int epoll_wait(int epfd, long events, int maxEvents, int timeoutMillis);
    }
}
