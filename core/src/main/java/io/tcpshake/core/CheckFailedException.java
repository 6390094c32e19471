package io.tcpshake.core;

import java.io.IOException;

/**
 * A synchronous check ({@link Checker#checkAddr}) found the target not up. The subclass says why:
 * {@link CheckTimeoutException}, {@link ConnectFailedException} or {@link ResolveFailedException};
 * {@link #result()} has every detail.
 */
public class CheckFailedException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient CheckResult result;

    CheckFailedException(CheckResult result) {
        super(result.toString());
        this.result = result;
    }

    /** The full result of the failed check. */
    public CheckResult result() {
        return result;
    }

    /** The exception that reads best for a failed {@code result}. */
    static CheckFailedException of(CheckResult result) {
        switch (result.outcome()) {
            case TIMEOUT:
                return new CheckTimeoutException(result);
            case RESOLVE_FAILED:
                return new ResolveFailedException(result);
            default:
                return new ConnectFailedException(result);
        }
    }
}
