package io.tcpshake.core;

/** No SYN-ACK (or no name resolution) before the check's timeout: the Go library's {@code ErrTimeout}. */
public final class CheckTimeoutException extends CheckFailedException {
    private static final long serialVersionUID = 1L;

    CheckTimeoutException(CheckResult result) {
        super(result);
    }
}
