package io.tcpshake.core;

/**
 * The connect failed with an errno: refused, unreachable, or a system call error. {@link #errno()} and
 * {@link #getMessage()} say which.
 */
public final class ConnectFailedException extends CheckFailedException {
    private static final long serialVersionUID = 1L;

    ConnectFailedException(CheckResult result) {
        super(result);
    }

    /** The Linux errno, e.g. 111 ({@link Errno#ECONNREFUSED}); 0 when no system call failed. */
    public int errno() {
        return result().errno();
    }
}
