package io.tcpshake.core;

import io.tcpshake.core.internal.engine.CheckEngine;
import io.tcpshake.core.internal.epoll.EpollEngine;
import io.tcpshake.core.internal.nio.NioEngine;

/** Picks the engine for a {@link Checker}, and logs once per JVM why the fallback runs when it does. */
final class Engines {
    private static final System.Logger LOG = TcpshakeLoggers.get("io.tcpshake.core");
    private static volatile boolean fallbackLogged;

    private Engines() {
    }

    static CheckEngine create(EngineChoice choice, Ticker ticker) {
        switch (choice) {
            case RAW:
                return RawFallback.create(ticker);
            case NIO:
                return new NioEngine(ticker, null);
            case EPOLL: {
                Throwable cause = EpollEngine.unavailabilityCause();
                if (cause != null) {
                    throw new IllegalStateException("the epoll engine cannot load: " + describe(cause)
                            + "; use EngineChoice.AUTO or NIO", cause);
                }
                return new EpollEngine(ticker);
            }
            default: {
                Throwable cause = EpollEngine.unavailabilityCause();
                if (cause == null) {
                    return new EpollEngine(ticker);
                }
                String reason = describe(cause);
                if (!fallbackLogged) {
                    fallbackLogged = true;
                    LOG.log(System.Logger.Level.INFO, "tcpshake uses the NIO engine: " + reason);
                }
                return new NioEngine(ticker, reason);
            }
        }
    }

    /**
     * The reason in words, with what the cause chain adds: an {@code ExceptionInInitializerError} alone says
     * nothing, its cause (say, JNA refused native access) says what to do. Causes whose text is already
     * there are left out, so the reason never repeats itself.
     */
    static String describe(Throwable cause) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = cause; t != null && text.length() < 500; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage();
            if (message == null || message.isEmpty()) {
                message = t == cause ? t.getClass().getSimpleName() : null;
            }
            if (message == null || normalized(text).contains(normalized(message))) {
                continue;
            }
            if (text.length() > 0) {
                text.append(": ");
            }
            text.append(message);
        }
        return text.toString();
    }

    /** Class names appear as {@code a/b/C} in some messages and {@code a.b.C} in others. */
    private static String normalized(CharSequence text) {
        return text.toString().replace('/', '.');
    }
}
