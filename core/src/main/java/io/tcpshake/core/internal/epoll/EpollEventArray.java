package io.tcpshake.core.internal.epoll;

/**
 * An array of {@code struct epoll_event} in native memory, filled by {@code epoll_wait}. The layout is
 * computed once: the struct is packed on x86-64 (12 bytes, data at offset 4) and naturally aligned
 * elsewhere (16 bytes, data at offset 8).
 */
final class EpollEventArray {
    static final boolean PACKED = isX86();
    static final int SIZE = PACKED ? 12 : 16;
    static final int DATA_OFFSET = PACKED ? 4 : 8;

    private final NativeBuffer buffer;
    final int capacity;

    EpollEventArray(int capacity) {
        this.capacity = capacity;
        this.buffer = new NativeBuffer(capacity * SIZE);
    }

    long address() {
        return buffer.address;
    }

    /** The ready events ({@code EPOLLOUT}, ...) of entry {@code i}. */
    int events(int i) {
        return buffer.bytes.getInt(i * SIZE);
    }

    /** The 64-bit data word registered with the descriptor of entry {@code i}. */
    long data(int i) {
        return buffer.bytes.getLong(i * SIZE + DATA_OFFSET);
    }

    /** Writes one event into entry {@code i}, as {@code epoll_ctl} takes it. */
    void set(int i, int events, long data) {
        buffer.bytes.putInt(i * SIZE, events);
        buffer.bytes.putLong(i * SIZE + DATA_OFFSET, data);
    }

    void free() {
        buffer.free();
    }

    private static boolean isX86() {
        String arch = System.getProperty("os.arch", "");
        return arch.equals("amd64") || arch.equals("x86_64");
    }
}
