package io.tcpshake.core.internal.epoll;

import static io.tcpshake.core.internal.epoll.SocketCalls.failure;

import java.io.IOException;

/**
 * The eventfd that wakes a native engine's sleeping loop (this package's and the raw engine's): any thread
 * writes it, the loop waits for it (in {@code epoll_wait} or {@code poll}) and drains it. The loop closes it
 * at shutdown while other threads may still write: the lock keeps a write off a closed descriptor number,
 * which the process may already have given to another file.
 */
public final class WakeUpEventFd {
    private final Object lock = new Object();
    /** Guarded by lock for writers; the loop thread, which opens and closes it, reads it without. */
    private int fd = -1;
    private NativeBuffer one;
    private NativeBuffer drained;

    /** Creates the eventfd (non-blocking, close-on-exec). */
    public void open() throws IOException {
        int created = LinuxSyscalls.eventfd(0, LinuxSyscalls.EFD_NONBLOCK | LinuxSyscalls.EFD_CLOEXEC);
        if (created < 0) {
            throw new IOException(failure("eventfd()", LinuxSyscalls.errno()));
        }
        one = new NativeBuffer(8);
        one.bytes.putLong(0, 1L);
        drained = new NativeBuffer(8);
        synchronized (lock) {
            fd = created;
        }
    }

    /** The descriptor to wait for; -1 before open and after close. */
    public int fd() {
        return fd;
    }

    /** Wakes the loop; any thread. Does nothing before open and after close. */
    public void signal() {
        synchronized (lock) {
            if (fd >= 0) {
                LinuxSyscalls.write(fd, one.address, 8);
            }
        }
    }

    /** Reads the counter back to zero; loop thread, when the descriptor was readable. */
    public void drain() {
        LinuxSyscalls.read(fd, drained.address, 8);
    }

    /** Closes the descriptor and frees its buffers; idempotent. */
    public void close() {
        synchronized (lock) {
            if (fd < 0) {
                return;
            }
            LinuxSyscalls.close(fd);
            fd = -1;
            one.free();
            drained.free();
        }
    }
}
