package io.tcpshake.core.internal.raw;

import io.tcpshake.core.Errno;

/**
 * Queues the SYNs of one raw socket and sends them in {@code sendmmsg} batches (a lone SYN, as at one check
 * in flight, with {@code sendto}: no vector to build or copy). A SYN the kernel refuses
 * (no route any more, a local firewall rule) fails its own probe with that errno, as the epoll engine's
 * {@code connect} would; the rest of the batch is sent on. Loop thread only.
 */
final class SynSender {
    /** A SYN that could not be sent. */
    interface Failures {
        void notSent(int slot, int errno);
    }

    static final int BATCH = 64;

    private final MessageBatch batch = new MessageBatch(BATCH, SynPacket.LENGTH);
    private final int[] slots = new int[BATCH];
    private final Failures failures;
    private int fd = -1;
    private int queued;

    SynSender(Failures failures) {
        this.failures = failures;
    }

    void sendThrough(int socket) {
        fd = socket;
    }

    /** Queues the SYN of the probe in {@code slot}; sends the batch when it is full. */
    void queue(int slot, Route route, int sourcePort, int targetPort, int sequence) {
        int nameLength = SocketAddresses.write(batch.bytes, batch.nameOffset(queued), route.destination, 0);
        SynPacket.write(batch.net, batch.dataOffset(queued), sourcePort, targetPort, sequence, route.pseudoHeaderSum);
        batch.setLengths(queued, SynPacket.LENGTH, nameLength);
        slots[queued++] = slot;
        if (queued == BATCH) {
            flush();
        }
    }

    boolean isEmpty() {
        return queued == 0;
    }

    /** Sends what is queued: one SYN alone with {@code sendto}, more in {@code sendmmsg} batches. */
    void flush() {
        int sent = 0;
        while (sent < queued) {
            int count = queued - sent == 1 ? batch.sendOne(fd, sent)
                    : RawSyscalls.sendmmsg(fd, batch.address(sent), queued - sent, 0);
            if (count > 0) {
                sent += count;
                continue;
            }
            int errno = count < 0 ? RawSyscalls.errno() : Errno.EAGAIN;
            if (errno != Errno.EINTR) {
                failures.notSent(slots[sent++], errno); // the first of the rest failed: the others go on
            }
        }
        queued = 0;
    }

    void free() {
        batch.free();
    }
}
