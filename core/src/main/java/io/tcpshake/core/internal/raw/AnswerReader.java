package io.tcpshake.core.internal.raw;

import io.tcpshake.core.Errno;
import java.nio.ByteBuffer;

/**
 * Reads answers from the raw sockets in {@code recvmmsg} batches and matches each to its probe by source
 * port, destination address and port, and sequence number ({@link ProbeTable#find}). A TCP socket is read for
 * no more answers than there are probes of its family in flight: at one probe in flight that is one
 * {@code recvfrom}, not a {@code recvmmsg} that reads the answer and then tries the queue again for a second
 * one (a whole receive in the kernel, to learn that it is empty). What is left queued (late or stray
 * packets) is read the next time, when no probe waits for it. What matches nothing
 * (a late answer, another engine's, a stray packet the filter let through) is dropped. Checksums are not
 * checked: the kernel has checked or will check them for its own stack, and on loopback a packet may carry
 * only a partial checksum (offloaded), which a check here would reject.
 */
final class AnswerReader {
    /** What a matched answer means. */
    interface Answers {
        /** The probe in {@code slot} was answered: 0 for a SYN-ACK, else the errno of the connect. */
        void answered(int slot, int errno);
    }

    static final int TCP4 = 0;
    static final int TCP6 = 1;
    static final int ICMP4 = 2;
    static final int ICMP6 = 3;

    private static final int BATCH = 64;
    /** Batches read per socket and loop iteration, at most: the loop also has SYNs to send. */
    private static final int MAX_BATCHES = 8;
    /** Answers read per socket and loop iteration, at most. */
    static final int MAX_READ = BATCH * MAX_BATCHES;
    private static final int RST = 0x04;
    private static final int SYN_ACK = 0x12;
    private static final int ACK = 0x10;

    private final MessageBatch batch = new MessageBatch(BATCH, AnswerFilter.SNAP_LENGTH);
    private final ByteBuffer net = batch.net;
    private final ProbeTable probes;
    private final Answers answers;

    AnswerReader(ProbeTable probes, Answers answers) {
        this.probes = probes;
        this.answers = answers;
    }

    /**
     * Reads what {@code fd} holds, in at most {@link #MAX_BATCHES} batches, and stops early once no probe of its
     * family is in flight: how many were read, or {@link #MAX_READ} when the batches ran out and the socket
     * may hold more (then deadlines must wait: an answer still queued may be in time).
     */
    int read(int fd, int kind) {
        int read = 0;
        for (int round = 0; round < MAX_BATCHES; round++) {
            int wanted = Math.min(BATCH, Math.max(1, awaited(kind)));
            int count;
            if (wanted == 1) {
                count = batch.receiveOne(fd);
            } else {
                batch.resetForReceive(wanted);
                count = RawSyscalls.recvmmsg(fd, batch.address(0), wanted, RawSyscalls.MSG_DONTWAIT, 0);
            }
            if (count < 0) {
                if (RawSyscalls.errno() == Errno.EINTR) {
                    continue;
                }
                return read; // EAGAIN: empty
            }
            for (int i = 0; i < count; i++) {
                match(i, kind);
            }
            read += count;
            if (count < wanted || awaited(kind) == 0) {
                return read;
            }
        }
        return MAX_READ;
    }

    /**
     * The answers the socket of {@code kind} may still bring for probes in flight: for a TCP socket the probes
     * of its family; an ICMP socket, read only when poll finds it readable, is read in whole batches.
     */
    private int awaited(int kind) {
        switch (kind) {
            case TCP4:
                return probes.ipv4InFlight();
            case TCP6:
                return probes.ipv6InFlight();
            default:
                return BATCH;
        }
    }

    private void match(int i, int kind) {
        int at = batch.dataOffset(i);
        int length = batch.receivedLength(i);
        switch (kind) {
            case TCP4: {
                if (length < 20) {
                    return;
                }
                int headerLength = (net.get(at) & 0xf) * 4;
                matchTcp(at + headerLength, length - headerLength, at + 12);
                return;
            }
            case TCP6:
                matchTcp(at, length, batch.nameOffset(i) + 8);
                return;
            case ICMP4: {
                if (length < 20) {
                    return;
                }
                int icmp = at + (net.get(at) & 0xf) * 4;
                int quoted = icmp + 8;
                if (icmp - at + 8 + 20 > length) {
                    return;
                }
                int quotedHeaderLength = (net.get(quoted) & 0xf) * 4;
                matchIcmp(ErrnoOfIcmp.ipv4(net.get(icmp) & 0xff, net.get(icmp + 1) & 0xff),
                        quoted + quotedHeaderLength, length - (quoted + quotedHeaderLength - at), quoted + 16);
                return;
            }
            default: {
                int quoted = at + 8;
                matchIcmp(ErrnoOfIcmp.ipv6(net.get(at) & 0xff, net.get(at + 1) & 0xff), quoted + 40,
                        length - 48, quoted + 24);
            }
        }
    }

    /** A TCP segment at {@code tcp} from the address at {@code source}. */
    private void matchTcp(int tcp, int length, int source) {
        if (length < 14) {
            return;
        }
        int flags = net.get(tcp + 13);
        boolean reset = (flags & RST) != 0;
        if (reset ? (flags & ACK) == 0 : (flags & SYN_ACK) != SYN_ACK) {
            return; // a RST without ACK answers no SYN
        }
        int targetPort = net.getShort(tcp) & 0xffff;
        int port = net.getShort(tcp + 2) & 0xffff;
        int slot = probes.find(port, net, source, targetPort, net.getInt(tcp + 8) - 1);
        if (slot >= 0) {
            answers.answered(slot, reset ? Errno.ECONNREFUSED : 0);
        }
    }

    /** An ICMP error quoting our TCP segment at {@code tcp}, sent to the address at {@code destination}. */
    private void matchIcmp(int errno, int tcp, int length, int destination) {
        if (errno == 0 || length < 8) {
            return;
        }
        int port = net.getShort(tcp) & 0xffff;
        int targetPort = net.getShort(tcp + 2) & 0xffff;
        int slot = probes.find(port, net, destination, targetPort, net.getInt(tcp + 4));
        if (slot >= 0) {
            answers.answered(slot, errno);
        }
    }

    void free() {
        batch.free();
    }
}
