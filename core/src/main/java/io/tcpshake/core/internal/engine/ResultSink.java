package io.tcpshake.core.internal.engine;

import io.tcpshake.core.CheckResult;

/** Where an engine's loop puts finished checks. Called on the loop thread only. */
public interface ResultSink {
    /** {@code check} finished with {@code result}; its socket is already closed or disconnected. */
    void complete(PendingCheck check, CheckResult result);

    /** {@code check} cannot finish (the checker closed): its future fails with {@code error}. */
    void fail(PendingCheck check, Throwable error);

    /** End of one loop iteration: deliver what was collected. */
    void flush();
}
