package io.tcpshake.core.internal.raw;

import io.tcpshake.core.internal.epoll.NativeBuffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * An array of {@code struct mmsghdr} for {@code sendmmsg} and {@code recvmmsg}, each with one buffer for the
 * packet and one for the peer's address, all in one block of native memory set up once. The layout is
 * the same on x86-64 and aarch64: a 56-byte {@code msghdr} and the 4-byte {@code msg_len}, padded to 64.
 */
final class MessageBatch {
    private static final int HEADER_SIZE = 64;
    private static final int IOVEC_SIZE = 16;
    /** sockaddr_in6 is the largest address (28 bytes). */
    static final int NAME_CAPACITY = 28;
    private static final int NAME_STRIDE = 32;

    final int capacity;
    final int dataCapacity;
    private final NativeBuffer buffer;
    /** The block in native order: the headers. */
    final ByteBuffer bytes;
    /** The same block in network order: packets and addresses. */
    final ByteBuffer net;
    private final int iovecs;
    private final int names;
    private final int data;

    MessageBatch(int capacity, int dataCapacity) {
        this.capacity = capacity;
        this.dataCapacity = dataCapacity;
        iovecs = capacity * HEADER_SIZE;
        names = iovecs + capacity * IOVEC_SIZE;
        data = names + capacity * NAME_STRIDE;
        buffer = new NativeBuffer(data + capacity * dataCapacity);
        bytes = buffer.bytes;
        net = bytes.duplicate().order(ByteOrder.BIG_ENDIAN);
        long base = buffer.address;
        for (int i = 0; i < capacity; i++) {
            int header = i * HEADER_SIZE;
            bytes.putLong(header, base + nameOffset(i));          // msg_name
            bytes.putInt(header + 8, NAME_CAPACITY);               // msg_namelen
            bytes.putLong(header + 16, base + iovecs + i * IOVEC_SIZE); // msg_iov
            bytes.putLong(header + 24, 1);                         // msg_iovlen
            bytes.putLong(iovecs + i * IOVEC_SIZE, base + dataOffset(i)); // iov_base
            bytes.putLong(iovecs + i * IOVEC_SIZE + 8, dataCapacity);     // iov_len
        }
    }

    /** The address of entry {@code from}, as {@code sendmmsg}/{@code recvmmsg} take the vector. */
    long address(int from) {
        return buffer.address + (long) from * HEADER_SIZE;
    }

    int nameOffset(int i) {
        return names + i * NAME_STRIDE;
    }

    int dataOffset(int i) {
        return data + i * dataCapacity;
    }

    /** For a send: the length of entry {@code i}'s packet and of its destination address. */
    void setLengths(int i, int dataLength, int nameLength) {
        bytes.putLong(iovecs + i * IOVEC_SIZE + 8, dataLength);
        bytes.putInt(i * HEADER_SIZE + 8, nameLength);
    }

    /** For a receive: the first {@code count} entries may take a full packet and address again. */
    void resetForReceive(int count) {
        for (int i = 0; i < count; i++) {
            bytes.putInt(i * HEADER_SIZE + 8, NAME_CAPACITY);
        }
    }

    /** The bytes {@code recvmmsg} put into entry {@code i} (at most {@link #dataCapacity}). */
    int receivedLength(int i) {
        return Math.min(bytes.getInt(i * HEADER_SIZE + 56), dataCapacity);
    }

    /**
     * Sends entry {@code i} alone with {@code sendto}: one message needs no vector, and the kernel then
     * copies in no {@code msghdr} and {@code iovec}. 1 when it was sent, as {@code sendmmsg} would count it;
     * -1 when not (errno tells why).
     */
    int sendOne(int fd, int i) {
        long sent = RawSyscalls.sendto(fd, buffer.address + dataOffset(i), bytes.getLong(iovecs + i * IOVEC_SIZE + 8),
                0, buffer.address + nameOffset(i), bytes.getInt(i * HEADER_SIZE + 8));
        return sent < 0 ? -1 : 1;
    }

    /**
     * Receives one packet into entry 0 with {@code recvfrom}, without blocking, as {@code recvmmsg} would
     * have: its data, its sender's address and its length where {@link #receivedLength} reads them. 1 when a
     * packet was read, else {@code recvfrom}'s -1 (errno tells why: EAGAIN when the queue is empty).
     */
    int receiveOne(int fd) {
        bytes.putInt(8, NAME_CAPACITY);
        long length = RawSyscalls.recvfrom(fd, buffer.address + dataOffset(0), dataCapacity, RawSyscalls.MSG_DONTWAIT,
                buffer.address + nameOffset(0), buffer.address + 8); // msg_namelen of entry 0 takes the length
        if (length < 0) {
            return -1;
        }
        bytes.putInt(56, (int) length);
        return 1;
    }

    void free() {
        buffer.free();
    }
}
