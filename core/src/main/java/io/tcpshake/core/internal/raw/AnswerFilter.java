package io.tcpshake.core.internal.raw;

import io.tcpshake.core.internal.epoll.NativeBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Classic BPF programs attached to the receiving raw sockets ({@code SO_ATTACH_FILTER}), so that of all the
 * TCP and ICMP packets the host receives only answers to this engine's probes are queued to it: a SYN-ACK
 * or a RST to one of its source ports, or an ICMP error that quotes a TCP segment from one of them.
 * Everything else is dropped in the kernel, before it costs the loop a copy.
 *
 * <p>Where a program starts differs: an IPv4 raw socket's packet begins with the IP header (whose length
 * is read from it), an IPv6 one's with the transport header (the kernel has pulled the IPv6 header).
 */
final class AnswerFilter {
    private static final int LD_H_ABS = 0x28;
    private static final int LD_B_ABS = 0x30;
    private static final int LD_H_IND = 0x48;
    private static final int LD_B_IND = 0x50;
    private static final int LDX_MSH = 0xb1;
    private static final int LDX_IMM = 0x01;
    private static final int JEQ = 0x15;
    private static final int JGT = 0x25;
    private static final int JGE = 0x35;
    private static final int JSET = 0x45;
    private static final int AND = 0x54;
    private static final int RET = 0x06;
    /** Enough of an answer for the engine: outer IP header, ICMP header, quoted IP header and ports, seq. */
    static final int SNAP_LENGTH = 192;
    private static final int ACCEPT = -1;
    private static final int DROP = -2;

    private final int[][] program;

    private AnswerFilter(int[]... program) {
        this.program = program;
    }

    /** SYN-ACK or RST to a port in {@code [low, high]}: IPv4 when {@code ipv6} is false. */
    static AnswerFilter tcp(boolean ipv6, int low, int high) {
        List<int[]> program = new ArrayList<>();
        if (ipv6) {
            program.add(op(LDX_IMM, 0)); // TCP starts the packet
        } else {
            program.add(op(LD_H_ABS, 6)); // the fragment offset: a later fragment has no TCP header
            program.add(jump(JSET, 0x1fff, DROP, 0));
            program.add(op(LDX_MSH, 0)); // X = the IP header's length, where TCP starts
        }
        program.addAll(Arrays.asList(
                op(LD_H_IND, 2), // destination port
                jump(JGE, low, 0, DROP),
                jump(JGT, high, DROP, 0),
                op(LD_B_IND, 13), // flags
                jump(JSET, 0x04, ACCEPT, 0), // RST
                op(AND, 0x12),
                jump(JEQ, 0x12, ACCEPT, DROP), // SYN and ACK
                op(RET, SNAP_LENGTH),
                op(RET, 0)));
        return new AnswerFilter(program.toArray(new int[0][]));
    }

    /**
     * An ICMP destination-unreachable or time-exceeded message quoting a TCP segment from a port in
     * {@code [low, high]}; the quoted IPv4 header is the engine's own, 20 bytes without options.
     */
    static AnswerFilter icmp(boolean ipv6, int low, int high) {
        if (ipv6) {
            return new AnswerFilter(
                    op(LD_B_ABS, 0), // type
                    jump(JEQ, 1, 1, 0), // destination unreachable
                    jump(JEQ, 3, 0, DROP), // time exceeded
                    op(LD_B_ABS, 8 + 6), // the quoted IPv6 header's next header
                    jump(JEQ, 6, 0, DROP),
                    op(LD_H_ABS, 8 + 40), // the quoted source port
                    jump(JGE, low, 0, DROP),
                    jump(JGT, high, DROP, 0),
                    op(RET, SNAP_LENGTH),
                    op(RET, 0));
        }
        return new AnswerFilter(
                op(LD_H_ABS, 6),
                jump(JSET, 0x1fff, DROP, 0),
                op(LDX_MSH, 0),
                op(LD_B_IND, 0), // type
                jump(JEQ, 3, 1, 0), // destination unreachable
                jump(JEQ, 11, 0, DROP), // time exceeded
                op(LD_B_IND, 8 + 9), // the quoted IP header's protocol
                jump(JEQ, 6, 0, DROP),
                op(LD_H_IND, 8 + 20), // the quoted source port
                jump(JGE, low, 0, DROP),
                jump(JGT, high, DROP, 0),
                op(RET, SNAP_LENGTH),
                op(RET, 0));
    }

    /** A program that drops everything: for a socket that only sends. */
    static AnswerFilter none() {
        return new AnswerFilter(op(RET, 0));
    }

    /** Attaches the program to {@code fd}: 0, or the errno. */
    int attachTo(int fd) {
        int count = program.length;
        NativeBuffer buffer = new NativeBuffer(16 + 8 * count);
        try {
            buffer.bytes.putShort(0, (short) count);
            buffer.bytes.putLong(8, buffer.address + 16);
            for (int i = 0; i < count; i++) {
                int[] instruction = program[i];
                int at = 16 + 8 * i;
                buffer.bytes.putShort(at, (short) instruction[0]);
                buffer.bytes.put(at + 2, (byte) target(instruction[1], i, count));
                buffer.bytes.put(at + 3, (byte) target(instruction[2], i, count));
                buffer.bytes.putInt(at + 4, instruction[3]);
            }
            return RawSyscalls.setsockopt(fd, RawSyscalls.SOL_SOCKET, RawSyscalls.SO_ATTACH_FILTER, buffer.address,
                    16) < 0 ? RawSyscalls.errno() : 0;
        } finally {
            buffer.free();
        }
    }

    /** A jump offset: relative as given, or to the final accept/drop (the last two instructions). */
    private static int target(int jump, int at, int count) {
        if (jump == ACCEPT) {
            return count - 2 - at - 1;
        }
        if (jump == DROP) {
            return count - 1 - at - 1;
        }
        return jump;
    }

    private static int[] op(int code, int k) {
        return new int[] {code, 0, 0, k};
    }

    private static int[] jump(int code, int k, int ifTrue, int ifFalse) {
        return new int[] {code, ifTrue, ifFalse, k};
    }
}
