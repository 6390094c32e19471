package io.tcpshake.core.epoll;

import io.tcpshake.core.EngineInfo;
import io.tcpshake.core.Ticker;
import io.tcpshake.core.engine.CheckEngine;
import io.tcpshake.core.engine.PendingCheck;
import io.tcpshake.core.engine.ResultSink;

/** PLACEHOLDER until the epoll engine lands: reports itself unavailable. */
public final class EpollEngine implements CheckEngine {
    public static Throwable unavailabilityCause() {
        return new UnsupportedOperationException("epoll engine not built yet");
    }

    public EpollEngine(Ticker ticker) {
        throw new UnsupportedOperationException();
    }

    @Override public EngineInfo info() { throw new UnsupportedOperationException(); }
    @Override public int pollerFd() { return -1; }
    @Override public void open() { throw new UnsupportedOperationException(); }
    @Override public void runLoop(ResultSink sink) { throw new UnsupportedOperationException(); }
    @Override public void submit(PendingCheck check) { throw new UnsupportedOperationException(); }
    @Override public void stop() { }
}
