package io.tcpshake.core.nio;

import io.tcpshake.core.EngineInfo;
import io.tcpshake.core.Ticker;
import io.tcpshake.core.engine.CheckEngine;
import io.tcpshake.core.engine.PendingCheck;
import io.tcpshake.core.engine.ResultSink;

/** PLACEHOLDER until the NIO engine lands. */
public final class NioEngine implements CheckEngine {
    public NioEngine(Ticker ticker, String fallbackReason) {
        throw new UnsupportedOperationException();
    }

    @Override public EngineInfo info() { throw new UnsupportedOperationException(); }
    @Override public int pollerFd() { return -1; }
    @Override public void open() { throw new UnsupportedOperationException(); }
    @Override public void runLoop(ResultSink sink) { throw new UnsupportedOperationException(); }
    @Override public void submit(PendingCheck check) { throw new UnsupportedOperationException(); }
    @Override public void stop() { }
}
