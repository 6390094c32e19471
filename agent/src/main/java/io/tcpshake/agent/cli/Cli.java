package io.tcpshake.agent.cli;

import io.tcpshake.core.HostResolver;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line's entry point: {@code java -jar tcpshake.jar check -a 127.0.0.1:5432}. {@link #run} is
 * the whole program and returns its exit code; only {@link #main}, which owns the process, exits.
 *
 * <p>Exit codes: 0 every check was up, 1 a check was down, 2 a usage error (one line on stderr),
 * 3 the checks could not run.
 */
public final class Cli {
    /** Every check was up (or help/version was shown). */
    public static final int EXIT_ALL_UP = 0;
    /** At least one check was not up. */
    public static final int EXIT_SOME_DOWN = 1;
    /** The command line was wrong: one line on stderr says what. */
    public static final int EXIT_USAGE = 2;
    /** The checks could not run at all (an unexpected failure, reported on stderr). */
    public static final int EXIT_FAILED = 3;

    /** The subcommands of {@code tcpshake}, in the order its help lists them. */
    static final List<Class<?>> SUBCOMMANDS = List.of(
            CheckCommand.class,
            ValidateCommand.class,
            ServeCommand.class,
            AttachCommand.class,
            VersionCommand.class,
            CommandLine.HelpCommand.class);

    /** Regular expressions of the types whose converters picocli skips: {@link #skipUnusedConverters}. */
    static final String UNUSED_CONVERTERS = "java\\.sql\\..*,java\\.time\\..*";

    private Cli() {
    }

    /** Runs the command line and exits the JVM with its exit code: this process is the CLI's own. */
    public static void main(String[] args) {
        quietCoreLogging();
        skipUnusedConverters();
        Charset charset = Charset.defaultCharset();
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, charset));
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, charset), true);
        int exitCode = run(args, out, err);
        out.flush();
        err.flush();
        System.exit(exitCode);
    }

    // The summary already names the engine and why it fell back; the library's one-time INFO log line
    // about it would only repeat that on stderr. This process is the CLI's, so its logging is ours to set.
    private static final java.util.logging.Logger CORE_LOGGER = java.util.logging.Logger.getLogger("io.tcpshake.core");

    private static void quietCoreLogging() {
        CORE_LOGGER.setLevel(java.util.logging.Level.WARNING);
    }

    /**
     * picocli registers a converter for every type it knows on each start, through reflection for the JDBC
     * ({@code java.sql}) and {@code java.time} types: loading those classes took about 13 ms of a one-check
     * run's 0.35 s of CPU. No option of tcpshake has such a type ({@code CliDuration} reads durations), and
     * this system property, which picocli reads for the purpose, leaves them out.
     */
    private static void skipUnusedConverters() {
        System.setProperty("picocli.converters.excludes", UNUSED_CONVERTERS);
    }

    /**
     * Runs the command line {@code args}, writing to {@code out} and {@code err}, and returns the exit code.
     * Never exits the JVM.
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, HostResolver.system());
    }

    /** {@link #run(String[], PrintWriter, PrintWriter)} with the resolver {@code check} uses for host names. */
    static int run(String[] args, PrintWriter out, PrintWriter err, HostResolver resolver) {
        CommandLine commandLine = commandLine(resolver, args);
        commandLine.setOut(out);
        commandLine.setErr(err);
        try {
            return commandLine.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /**
     * The {@code tcpshake} command tree for {@code args}, with its one-line usage errors and exit codes. Only
     * the subcommand that {@code args} run is built when they name one (help aside): picocli builds a
     * command's model by reading its annotations reflectively, and building the commands not run took a
     * tenth of a one-check run's CPU. Anything else (no command, an option, a typo, {@code help}) gets
     * them all, so the help and the usage errors list every command.
     */
    private static CommandLine commandLine(HostResolver resolver, String[] args) {
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                if (type == CheckCommand.class) {
                    return type.cast(new CheckCommand(resolver));
                }
                return CommandLine.defaultFactory().create(type);
            }
        };
        CommandLine commandLine = new CommandLine(TcpshakeCommand.class, factory);
        Class<?> invoked = invokedSubcommand(args);
        for (Class<?> subcommand : SUBCOMMANDS) {
            if (invoked == null || subcommand == invoked) {
                commandLine.addSubcommand(subcommand);
            }
        }
        commandLine.setParameterExceptionHandler(new UsageErrorHandler());
        commandLine.setExecutionExceptionHandler((error, failed, parseResult) -> {
            PrintWriter err = failed.getErr();
            err.println(failed.getCommandSpec().qualifiedName() + ": failed: " + error);
            error.printStackTrace(err);
            return EXIT_FAILED;
        });
        return commandLine;
    }

    /** The subcommand {@code args} start with, other than {@code help}; null when they start with none. */
    private static Class<?> invokedSubcommand(String[] args) {
        if (args.length == 0) {
            return null;
        }
        for (Class<?> subcommand : SUBCOMMANDS) {
            if (subcommand != CommandLine.HelpCommand.class
                    && subcommand.getAnnotation(Command.class).name().equals(args[0])) {
                return subcommand;
            }
        }
        return null;
    }
}
