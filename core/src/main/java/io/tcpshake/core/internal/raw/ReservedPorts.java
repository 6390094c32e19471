package io.tcpshake.core.internal.raw;

import io.tcpshake.core.Errno;
import io.tcpshake.core.internal.epoll.NativeBuffer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The source ports of the engine's probes, held for its lifetime by TCP sockets bound to them that never
 * listen or connect. A bound port is one the kernel hands to no {@code connect} and lets no other socket
 * bind (none of these set {@code SO_REUSEADDR}), so no connection of the host's can meet a probe's answers.
 * A bound socket is not in the kernel's lookup of incoming segments (only listening and connected ones
 * are): a SYN-ACK to one of these ports finds no socket, and the kernel answers it with a reset by itself,
 * which is the check's RST.
 *
 * <p>One IPv6 socket without {@code IPV6_V6ONLY} holds a port for both families; IPv4 sockets where IPv6
 * is off. The ports are a run from a random start above the kernel's ephemeral range
 * ({@code ip_local_port_range}), or below it when there is no room above; ports already taken are skipped.
 */
final class ReservedPorts implements AutoCloseable {
    private static final int LOWEST = 1024;

    private final int[] fds;
    final int[] ports;
    final int low;
    final int high;

    private ReservedPorts(int[] fds, int[] ports) {
        this.fds = fds;
        this.ports = ports;
        this.low = ports[0];
        this.high = ports[ports.length - 1];
    }

    /** Binds up to {@code count} ports; throws when none can be had. */
    static ReservedPorts bind(int count) throws IOException {
        int[] range = ephemeralRange();
        int[] window = 65535 - range[1] >= count ? new int[] {range[1] + 1, 65535}
                : new int[] {LOWEST, Math.max(LOWEST, range[0] - 1)};
        int span = window[1] - window[0] + 1;
        int start = window[0] + (span > count ? ThreadLocalRandom.current().nextInt(span - count + 1) : 0);
        int[] fds = new int[count];
        int[] ports = new int[count];
        int bound = 0;
        int lastErrno = 0;
        boolean ipv6 = true;
        NativeBuffer address = new NativeBuffer(MessageBatch.NAME_CAPACITY);
        NativeBuffer zero = new NativeBuffer(4);
        try {
            for (int port = start; port <= window[1] && bound < count; port++) {
                int fd = ipv6 ? openDualStack(zero) : -1;
                if (fd < 0) {
                    ipv6 = false;
                    fd = RawSyscalls.socket(RawSyscalls.AF_INET, RawSyscalls.SOCK_STREAM | RawSyscalls.SOCK_CLOEXEC, 0);
                }
                if (fd < 0) {
                    lastErrno = RawSyscalls.errno();
                    break;
                }
                int length = SocketAddresses.write(address.bytes, 0, SocketAddresses.any(ipv6), port);
                if (RawSyscalls.bind(fd, address.address, length) < 0) {
                    lastErrno = RawSyscalls.errno();
                    RawSyscalls.close(fd);
                    continue; // taken by someone else
                }
                fds[bound] = fd;
                ports[bound++] = port;
            }
        } finally {
            address.free();
            zero.free();
        }
        if (bound == 0) {
            throw new IOException("cannot reserve source ports " + start + "-" + window[1] + ": "
                    + Errno.describe(lastErrno) + " (" + Errno.name(lastErrno) + ")");
        }
        return new ReservedPorts(Arrays.copyOf(fds, bound), Arrays.copyOf(ports, bound));
    }

    /** An IPv6 TCP socket that also holds the port for IPv4; -1 where IPv6 is off. */
    private static int openDualStack(NativeBuffer zero) {
        int fd = RawSyscalls.socket(RawSyscalls.AF_INET6, RawSyscalls.SOCK_STREAM | RawSyscalls.SOCK_CLOEXEC, 0);
        if (fd < 0) {
            return -1;
        }
        if (RawSyscalls.setsockopt(fd, RawSyscalls.IPPROTO_IPV6, RawSyscalls.IPV6_V6ONLY, zero.address, 4) < 0) {
            RawSyscalls.close(fd);
            return -1;
        }
        return fd;
    }

    /** {@code ip_local_port_range}, or Linux's default when it cannot be read. */
    private static int[] ephemeralRange() {
        try {
            String[] fields = new String(Files.readAllBytes(Paths.get("/proc/sys/net/ipv4/ip_local_port_range")),
                    StandardCharsets.US_ASCII).trim().split("\\s+");
            return new int[] {Integer.parseInt(fields[0]), Integer.parseInt(fields[1])};
        } catch (IOException | RuntimeException e) {
            return new int[] {32768, 60999};
        }
    }

    @Override
    public void close() {
        for (int fd : fds) {
            RawSyscalls.close(fd);
        }
    }
}
