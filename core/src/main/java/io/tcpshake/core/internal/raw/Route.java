package io.tcpshake.core.internal.raw;

/**
 * What the engine knows of one destination address: its bytes, the source address the kernel picks for it
 * and the part of the TCP checksum both give (the pseudo-header's addresses, protocol and length), or the
 * errno of a destination the kernel has no route to. Learned at most every few seconds ({@link Routes}).
 */
final class Route {
    final byte[] destination;
    final boolean ipv6;
    /** Destination bytes as two longs (IPv4 in {@link #low}), to match answers without allocating. */
    final long high;
    final long low;
    final byte[] source;
    /** The one's-complement sum of the pseudo-header for a SYN of {@link SynPacket#LENGTH} bytes. */
    final int pseudoHeaderSum;
    /** The errno of the route lookup; 0 when there is a route. */
    final int errno;
    final long learnedNanos;
    /**
     * Source ports (their indexes in the reserved run) that probes to this address gave back, the last on
     * top: the next probe to the address takes the port it used last, as the epoll engine's pooled socket
     * does, so that a run of checks leaves the connection tracking of firewalls on the path (conntrack)
     * one entry per port in use, not one per check. Loop thread only.
     */
    private int[] freedPorts = new int[4];
    private int freedCount;

    Route(byte[] destination, byte[] source, int errno, long learnedNanos) {
        this.destination = destination;
        this.ipv6 = destination.length == 16;
        this.high = ipv6 ? longAt(destination, 0) : 0;
        this.low = ipv6 ? longAt(destination, 8) : longAt(destination, 0) >>> 32;
        this.source = source;
        this.errno = errno;
        this.learnedNanos = learnedNanos;
        this.pseudoHeaderSum = source == null ? 0 : sum(source) + sum(destination) + 6 + SynPacket.LENGTH;
    }

    /** Notes that a probe to this address gave back the port at {@code index}. */
    void portFreed(int index, int capacity) {
        if (freedCount == freedPorts.length) {
            if (freedCount >= capacity) {
                return; // every port is here already (entries may repeat): drop it
            }
            freedPorts = java.util.Arrays.copyOf(freedPorts, Math.min(capacity, freedCount * 2));
        }
        freedPorts[freedCount++] = index;
    }

    /** The port this address gave back last, taken off the stack; -1 when none is left. */
    int takeFreedPort() {
        return freedCount == 0 ? -1 : freedPorts[--freedCount];
    }

    /** Keeps the ports an earlier route to the same address gave back (a route is learned again every few seconds). */
    void inheritFreedPorts(Route earlier) {
        freedPorts = earlier.freedPorts;
        freedCount = earlier.freedCount;
    }

    /** Whether {@code bytes} at {@code offset} (network order) hold this destination's address. */
    boolean isAddressAt(java.nio.ByteBuffer bytes, int offset) {
        if (ipv6) {
            return bytes.getLong(offset) == high && bytes.getLong(offset + 8) == low;
        }
        return (bytes.getInt(offset) & 0xffffffffL) == low;
    }

    private static long longAt(byte[] bytes, int offset) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (offset + i < bytes.length ? bytes[offset + i] & 0xff : 0);
        }
        return value;
    }

    private static int sum(byte[] address) {
        int sum = 0;
        for (int i = 0; i < address.length; i += 2) {
            sum += ((address[i] & 0xff) << 8) | (address[i + 1] & 0xff);
        }
        return sum;
    }
}
