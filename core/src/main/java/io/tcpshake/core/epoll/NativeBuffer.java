package io.tcpshake.core.epoll;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A block of native memory allocated once and reused for the engine's lifetime: its address is what the
 * direct-mapped calls take, its {@link ByteBuffer} view is how Java reads and writes it (intrinsified
 * loads and stores, not one JNI call per field as {@code Memory.getInt} would be).
 */
final class NativeBuffer {
    private final Memory memory;
    final long address;
    final ByteBuffer bytes;

    NativeBuffer(int size) {
        memory = new Memory(size);
        memory.clear();
        address = Pointer.nativeValue(memory);
        bytes = memory.getByteBuffer(0, size).order(ByteOrder.nativeOrder());
    }

    /** Frees the memory now rather than at garbage collection; the buffer must not be used afterwards. */
    void free() {
        memory.close();
    }
}
