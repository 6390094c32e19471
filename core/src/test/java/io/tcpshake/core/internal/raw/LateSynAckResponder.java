package io.tcpshake.core.internal.raw;

import java.nio.ByteBuffer;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A target that answers late: it reads the SYNs sent to a loopback port whose listener drops them (a full
 * accept queue) from a raw socket of its own, and answers each with a correct SYN-ACK (ack = the SYN's
 * sequence number + 1) after a delay longer than the checks' timeout. By then the probe's source port
 * serves a newer probe to the same target, and the SYN-ACK must not be taken for that one's.
 */
final class LateSynAckResponder implements AutoCloseable {
    private final int port;
    private final long delayMillis;
    private final int fd;
    private final MessageBatch received = new MessageBatch(64, 192);
    private final ScheduledExecutorService sender = new ScheduledThreadPoolExecutor(1);
    private final Thread reader;
    private final AtomicInteger answered = new AtomicInteger();
    private volatile boolean closed;

    LateSynAckResponder(int port, long delayMillis) {
        this.port = port;
        this.delayMillis = delayMillis;
        this.fd = RawSyscalls.socket(RawSyscalls.AF_INET, RawSyscalls.SOCK_RAW, RawSyscalls.IPPROTO_TCP);
        if (fd < 0) {
            throw new IllegalStateException("raw socket: errno " + RawSyscalls.errno());
        }
        io.tcpshake.core.internal.epoll.NativeBuffer size = new io.tcpshake.core.internal.epoll.NativeBuffer(4);
        size.bytes.putInt(0, 8 << 20);
        RawSyscalls.setsockopt(fd, RawSyscalls.SOL_SOCKET, RawSyscalls.SO_RCVBUFFORCE, size.address, 4);
        size.free();
        reader = new Thread(this::readSyns, "late-syn-ack-responder");
        reader.setDaemon(true);
        reader.start();
    }

    /** SYN-ACKs sent so far. */
    int answered() {
        return answered.get();
    }

    private void readSyns() {
        ByteBuffer net = received.net;
        while (!closed) {
            received.resetForReceive(64);
            // Blocking with a timeout (SO_RCVTIMEO is not set): MSG_DONTWAIT and a short wait between reads.
            int count = RawSyscalls.recvmmsg(fd, received.address(0), 64, RawSyscalls.MSG_DONTWAIT, 0);
            if (count <= 0) {
                Thread.onSpinWait();
                continue;
            }
            for (int i = 0; i < count; i++) {
                int at = received.dataOffset(i);
                int tcp = at + (net.get(at) & 0xf) * 4;
                if ((net.getShort(tcp + 2) & 0xffff) == port && net.get(tcp + 13) == 0x02) {
                    int sourcePort = net.getShort(tcp) & 0xffff;
                    int sequence = net.getInt(tcp + 4);
                    sender.schedule(() -> answer(sourcePort, sequence), delayMillis, TimeUnit.MILLISECONDS);
                }
            }
        }
    }

    /** Runs on the sender thread only. */
    private void answer(int sourcePort, int sequence) {
        MessageBatch out = new MessageBatch(1, 20);
        try {
            byte[] loopback = {127, 0, 0, 1};
            int nameLength = SocketAddresses.write(out.bytes, out.nameOffset(0), loopback, 0);
            ByteBuffer net = out.net;
            int at = out.dataOffset(0);
            net.putShort(at, (short) port);
            net.putShort(at + 2, (short) sourcePort);
            net.putInt(at + 4, 12345);
            net.putInt(at + 8, sequence + 1);
            net.putShort(at + 12, (short) (5 << 12 | 0x12));
            net.putShort(at + 14, (short) 65535);
            net.putInt(at + 16, 0); // checksum 0: the engine reads it anyway; the kernel drops it quietly
            out.setLengths(0, 20, nameLength);
            if (RawSyscalls.sendmmsg(fd, out.address(0), 1, 0) == 1) {
                answered.incrementAndGet();
            }
        } finally {
            out.free();
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        reader.join(5000);
        sender.shutdown();
        sender.awaitTermination(5, TimeUnit.SECONDS);
        RawSyscalls.close(fd);
        received.free();
    }
}
