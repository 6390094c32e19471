package io.tcpshake.core.internal.raw;

import java.security.SecureRandom;

/**
 * The initial sequence number of each probe: a keyed mix of a per-engine random key, a counter that names
 * the probe, and its ports and destination. An answer matches a probe only with that number plus one as
 * its acknowledgement (or, in an ICMP error, the number itself), so a late answer to an earlier probe on the
 * same port and destination is told apart (one chance in 2^32), and nobody off the path can forge an
 * answer without seeing the probe. Loop thread only.
 */
final class SequenceNumbers {
    private final long key;
    private long counter;

    SequenceNumbers() {
        key = new SecureRandom().nextLong();
    }

    int next(int sourcePort, int targetPort, Route route) {
        long value = key ^ (++counter * 0x9E3779B97F4A7C15L);
        value ^= ((long) sourcePort << 48) ^ ((long) targetPort << 32) ^ route.low ^ Long.rotateLeft(route.high, 17);
        // murmur3's 64-bit finaliser: every input bit moves about half the output bits.
        value = (value ^ (value >>> 33)) * 0xff51afd7ed558ccdL;
        value = (value ^ (value >>> 33)) * 0xc4ceb9fe1a85ec53L;
        value ^= value >>> 33;
        return (int) value;
    }
}
