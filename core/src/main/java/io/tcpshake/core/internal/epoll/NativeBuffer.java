package io.tcpshake.core.internal.epoll;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A block of native memory allocated once and reused for an engine's lifetime (this package's and the raw
 * engine's): its address is what the direct-mapped calls take, its {@link ByteBuffer} view is how Java
 * reads and writes it (intrinsified loads and stores, not one JNI call per field as {@code Pointer.getInt}
 * would be).
 *
 * <p>Plain {@code malloc}, freed explicitly when the engine shuts down: JNA's {@code Memory} would register
 * each block with JNA's cleaner, which starts a "JNA Cleaner" thread in the host JVM for the engine's
 * whole life.
 */
public final class NativeBuffer {
    /** The block's address, as the system calls take it. */
    public final long address;
    /** The block in native byte order. */
    public final ByteBuffer bytes;
    private boolean freed;

    /** {@code size} zeroed bytes. */
    public NativeBuffer(int size) {
        address = Native.malloc(size);
        if (address == 0) {
            throw new OutOfMemoryError("malloc(" + size + ") failed: no native memory for the engine");
        }
        bytes = new Pointer(address).getByteBuffer(0, size).order(ByteOrder.nativeOrder());
        for (int i = 0; i < size; i++) {
            bytes.put(i, (byte) 0);
        }
    }

    /** Frees the memory; the buffer must not be used afterwards. Idempotent. */
    public void free() {
        if (!freed) {
            freed = true;
            Native.free(address);
        }
    }
}
