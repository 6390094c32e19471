package io.tcpshake.agent.cli;

import io.tcpshake.agent.ServeProcess;
import io.tcpshake.agent.config.EngineNames;
import io.tcpshake.core.config.ReloadStatus;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
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

    @Option(names = "--engine", paramLabel = "auto|epoll|nio|raw",
            description = "Checking engine; wins over engine: in the file (default: the file's, else auto):"
                    + " epoll (Linux, JNA), nio (the JDK alone), raw (Linux, CAP_NET_RAW: SYNs on a raw socket, no"
                    + " socket per check; without the capability the start-up line says why and auto runs), auto:"
                    + " epoll where it loads. Read at start; a changed engine: in the file takes effect at restart.")
    private String engine;

    @Mixin
    private AgentOptionsMixin agentOptions;

    @Override
    public Integer call() throws InterruptedException {
        Map<String, String> options = options();
        PrintWriter err = spec.commandLine().getErr();
        ServeLogging.toConsole();
        // The signals are ours before the process starts: a SIGHUP or SIGTERM that comes while it starts (the
        // start-up line is out, the exporter answers) must not meet the JVM's default, which exits with 129
        // or 143 in the middle of the start. A SIGHUP then is a reload once it has started; a SIGTERM, a stop.
        CountDownLatch stop = new CountDownLatch(1);
        AtomicReference<ServeProcess> started = new AtomicReference<>();
        AtomicBoolean reloadAsked = new AtomicBoolean();
        ProcessSignals signals = ProcessSignals.install(stop::countDown, () -> {
            reloadAsked.set(true);
            reloadIfAsked(started.get(), reloadAsked);
        }, err);
        try {
            ServeProcess process;
            try {
                process = ServeProcess.start(file, options, System.getenv());
            } catch (IllegalStateException e) {
                err.println("tcpshake serve: " + e.getMessage());
                err.println("tcpshake serve: not started (exit " + Cli.EXIT_FAILED + ")");
                return Cli.EXIT_FAILED;
            }
            started.set(process);
            reloadIfAsked(process, reloadAsked);
            try {
                stop.await();
            } finally {
                process.close();
            }
        } finally {
            signals.uninstall();
        }
        LOG.log(System.Logger.Level.INFO, "tcpshake serve: stopped");
        return Cli.EXIT_ALL_UP;
    }

    /** Reloads once per SIGHUP asked, once the process has started; whichever thread sees both takes it. */
    private void reloadIfAsked(ServeProcess process, AtomicBoolean asked) {
        if (process != null && asked.getAndSet(false)) {
            reload(process);
        }
    }

    /** The agent options, with {@code --engine} as the option {@code engine=}: it wins over the file. */
    private Map<String, String> options() {
        Map<String, String> options = new LinkedHashMap<>(agentOptions.options());
        if (engine != null) {
            options.put("engine", EngineNames.name(EngineNames.parse(engine).orElseThrow(
                    () -> new ParameterException(spec.commandLine(), "--engine: " + EngineNames.unknown(engine)))));
        }
        return options;
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
