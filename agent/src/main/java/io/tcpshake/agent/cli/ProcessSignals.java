package io.tcpshake.agent.cli;

import java.io.PrintWriter;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * The signals {@code tcpshake serve} answers, as the process's owner: SIGTERM and SIGINT stop it (exit 0,
 * not the JVM's 143 and 130), SIGHUP reloads. Through {@code sun.misc.Signal} (module jdk.unsupported);
 * where that is missing, a shutdown hook stops it on SIGTERM/SIGINT (exit 143/130) and only the file's
 * polling reloads. A SIGHUP the process was started ignoring (nohup) stays ignored, and serve says so.
 */
final class ProcessSignals {
    private final Runnable uninstall;

    private ProcessSignals(Runnable uninstall) {
        this.uninstall = uninstall;
    }

    static ProcessSignals install(Runnable stop, Runnable reload, PrintWriter err) {
        try {
            SignalHandler term = Signal.handle(new Signal("TERM"), signal -> stop.run());
            SignalHandler interrupt = Signal.handle(new Signal("INT"), signal -> stop.run());
            SignalHandler hangUp = Signal.handle(new Signal("HUP"), signal -> reload.run());
            if (hangUp == SignalHandler.SIG_IGN) {
                // The JVM keeps a signal ignored when the process started with it ignored (nohup does that),
                // and installs no handler for it.
                err.println("tcpshake serve: SIGHUP is ignored in this process (started under nohup, or by a"
                        + " parent that ignores it): it will not reload; the file's polling still does");
                err.flush();
            }
            return new ProcessSignals(() -> {
                Signal.handle(new Signal("TERM"), term);
                Signal.handle(new Signal("INT"), interrupt);
                Signal.handle(new Signal("HUP"), hangUp);
            });
        } catch (IllegalArgumentException | LinkageError e) {
            err.println("tcpshake serve: signals cannot be handled here (" + e + "): SIGTERM stops with exit 143,"
                    + " and the file is re-read only when it changes");
            Thread hook = new Thread(stop, "tcpshake-serve-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            return new ProcessSignals(() -> {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException exiting) {
                    // The hook is what stopped it.
                }
            });
        }
    }

    void uninstall() {
        uninstall.run();
    }
}
