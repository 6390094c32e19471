package io.tcpshake.core;

import io.tcpshake.core.internal.engine.CheckEngine;
import io.tcpshake.core.internal.engine.LoopTasks;
import io.tcpshake.core.internal.engine.PendingCheck;
import io.tcpshake.core.internal.engine.ResultSink;
import io.tcpshake.core.internal.raw.RawEngine;
import java.io.IOException;

/**
 * {@link EngineChoice#RAW}: the raw engine where it can run; elsewhere (no CAP_NET_RAW) the engine
 * {@link EngineChoice#AUTO} picks, whose {@link EngineInfo} then says why the raw one does not run, as the
 * NIO fallback says why epoll does not. Logged once per JVM, when such a checker starts (a checker only
 * built, to see which engine it would run, logs nothing).
 */
final class RawFallback implements CheckEngine {
    private static final System.Logger LOG = System.getLogger("io.tcpshake.core");
    private static volatile boolean logged;

    private final CheckEngine engine;
    private final String reason;

    private RawFallback(CheckEngine engine, String reason) {
        this.engine = engine;
        this.reason = reason;
    }

    static CheckEngine create(Ticker ticker) {
        String reason = RawEngine.unavailabilityReason();
        if (reason == null) {
            return new RawEngine(ticker);
        }
        CheckEngine fallback = Engines.create(EngineChoice.AUTO, ticker);
        EngineInfo info = fallback.info();
        String full = info.fallbackReason() == null ? reason : reason + "; " + info.fallbackReason();
        return new RawFallback(fallback, full);
    }

    @Override
    public EngineInfo info() {
        EngineInfo info = engine.info();
        return new EngineInfo(info.kind(), info.description(), reason);
    }

    @Override
    public int pollerFd() {
        return engine.pollerFd();
    }

    @Override
    public void open() throws IOException {
        if (!logged) {
            logged = true;
            LOG.log(System.Logger.Level.WARNING, "tcpshake uses the " + engine.info().description() + " engine: "
                    + reason);
        }
        engine.open();
    }

    @Override
    public void runLoop(ResultSink sink) {
        engine.runLoop(sink);
    }

    @Override
    public void submit(PendingCheck check) {
        engine.submit(check);
    }

    @Override
    public LoopTasks tasks() {
        return engine.tasks();
    }

    @Override
    public void stop() {
        engine.stop();
    }
}
