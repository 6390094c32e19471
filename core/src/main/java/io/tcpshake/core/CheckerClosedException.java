package io.tcpshake.core;

/** The checker was closed before the check finished, or a check was asked of a closed checker. */
public final class CheckerClosedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public CheckerClosedException() {
        super("the checker is closed");
    }
}
