package io.tcpshake.agent.cli;

import io.tcpshake.agent.ServeProcess;
import io.tcpshake.core.config.ReloadStatus;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tcpshake serve targets.yaml}: the monitor, the exporter (metrics, status page, {@code /probe}), the
 * MBeans and the JFR events as a foreground process of their own, no host application needed. Runs until
 * SIGTERM or SIGINT (exit 0), re-reads the file on SIGHUP and when it changes.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Runs the monitor and its outputs as a process of its own, until SIGTERM or SIGINT.",
                "Everything targets.yaml says applies; the file is re-read when it changes and on SIGHUP.",
                "Exit status: 0 stopped by SIGTERM/SIGINT, 2 usage error, 3 the file was invalid at start or "
                        + "the exporter could not start (e.g. its port is in use)."},
        sortOptions = false)
public final class ServeCommand implements Callable<Integer> {
    private static final System.Logger LOG = System.getLogger("io.tcpshake.agent");

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The targets.yaml file.")
    private Path file;

    @Mixin
    private AgentOptionsMixin agentOptions;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        ServeLogging.toConsole();
        ServeProcess process;
        try {
            process = ServeProcess.start(file, agentOptions.options(), System.getenv());
        } catch (IllegalStateException e) {
            err.println("tcpshake serve: " + e.getMessage());
            err.println("tcpshake serve: not started (exit " + Cli.EXIT_FAILED + ")");
            return Cli.EXIT_FAILED;
        }
        CountDownLatch stop = new CountDownLatch(1);
        ProcessSignals signals = ProcessSignals.install(stop::countDown, () -> reload(process), err);
        try {
            stop.await();
        } finally {
            process.close();
            signals.uninstall();
        }
        LOG.log(System.Logger.Level.INFO, "tcpshake serve: stopped");
        return Cli.EXIT_ALL_UP;
    }

    private void reload(ServeProcess process) {
        ReloadStatus status = process.reload();
        if (status.success()) {
            LOG.log(System.Logger.Level.INFO, "tcpshake serve: SIGHUP: re-read " + file);
        } else {
            LOG.log(System.Logger.Level.WARNING, "tcpshake serve: SIGHUP: " + file
                    + " is not valid, the last good configuration runs on");
        }
    }
}
