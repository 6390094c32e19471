package io.tcpshake.core.internal.raw;

import java.nio.ByteBuffer;

/**
 * The TCP header of a SYN, as the kernel would send it for a {@code connect}, less the options a half-open
 * check does not need: the ports, the check's sequence number, a window, and one option, the MSS, which
 * every SYN of a real stack carries. The kernel adds the IP header (the raw sockets have no
 * {@code IP_HDRINCL}); the checksum over the pseudo-header is computed here, since an IPv4 raw socket has no
 * option to have the kernel do it.
 */
final class SynPacket {
    /** 20 bytes of header and 4 of the MSS option. */
    static final int LENGTH = 24;
    private static final int SYN = 0x02;
    private static final int WINDOW = 64240;
    private static final int MSS = 1460;

    private SynPacket() {
    }

    /** Writes the SYN at {@code offset} of {@code net} (network order). */
    static void write(ByteBuffer net, int offset, int sourcePort, int destinationPort, int sequence,
            int pseudoHeaderSum) {
        net.putShort(offset, (short) sourcePort);
        net.putShort(offset + 2, (short) destinationPort);
        net.putInt(offset + 4, sequence);
        net.putInt(offset + 8, 0);
        net.putShort(offset + 12, (short) ((LENGTH / 4) << 12 | SYN)); // data offset 6 words, flags
        net.putShort(offset + 14, (short) WINDOW);
        net.putInt(offset + 16, 0); // checksum and urgent pointer
        net.putInt(offset + 20, 2 << 24 | 4 << 16 | MSS); // kind 2 (MSS), length 4
        int sum = pseudoHeaderSum + sourcePort + destinationPort + (sequence >>> 16) + (sequence & 0xffff)
                + ((LENGTH / 4) << 12 | SYN) + WINDOW + (2 << 8 | 4) + MSS;
        net.putShort(offset + 16, (short) ~fold(sum));
    }

    private static int fold(int sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return sum;
    }
}
