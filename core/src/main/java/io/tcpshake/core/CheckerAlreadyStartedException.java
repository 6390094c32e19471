package io.tcpshake.core;

/** {@link Checker#start()} or {@link Checker#run()} was called on a checker whose loop already runs or ran. */
public final class CheckerAlreadyStartedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public CheckerAlreadyStartedException() {
        super("the checking loop was already started; a Checker runs its loop once");
    }
}
