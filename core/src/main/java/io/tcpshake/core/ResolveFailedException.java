package io.tcpshake.core;

/** The host name could not be resolved (unknown name, or no answer within the timeout). */
public final class ResolveFailedException extends CheckFailedException {
    private static final long serialVersionUID = 1L;

    ResolveFailedException(CheckResult result) {
        super(result);
    }
}
