package io.tcpshake.agent.cli;

import io.tcpshake.agent.config.ConfigException;
import io.tcpshake.agent.config.ConfigLoader;
import io.tcpshake.core.InputText;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.CodeSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tcpshake attach <pid> <targets.yaml>}: starts the agent inside a running JVM through the JDK's attach
 * API, as {@code -javaagent:tcpshake.jar=targets.yaml} would have at its start.
 */
@Command(name = "attach", mixinStandardHelpOptions = true,
        description = {"Starts the tcpshake agent inside a running JVM (through the JDK attach API).",
            "The targets file is validated first; the agent reports to that JVM's stderr and log."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:the agent was loaded", "1:the targets file is not valid",
            "2:the JVM cannot be attached to (see the message)",
            "3:tcpshake already runs in that JVM; nothing was loaded"})
public final class AttachCommand implements Callable<Integer> {
    static final int INVALID_CONFIG = 1;
    static final int CANNOT_ATTACH = 2;
    static final int ALREADY_RUNNING = 3;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<pid>", converter = WholeNumber.ToLong.class,
            description = "The process id of the running JVM (see jps).")
    private long pid;

    @Parameters(index = "1", paramLabel = "<targets.yaml>", description = "The targets file (read by that JVM).")
    private Path targets;

    @Option(names = "--port", paramLabel = "<port>", converter = WholeNumber.ToInt.class,
            description = "Overrides exporter.port of the file.")
    private Integer port;

    @Option(names = "--host", paramLabel = "<host>", description = "Overrides exporter.host of the file.")
    private String host;

    @Option(names = "--set", paramLabel = "<key=value>",
            description = "Overrides another key of the file, as after -javaagent:tcpshake.jar=targets.yaml,")
    private Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--no-validate",
            description = "Attach without validating the file here (when that JVM's environment differs).")
    private boolean noValidate;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (pid < 1) {
            throw new ParameterException(spec.commandLine(), "<pid>: " + pid + " is not a process id: expected a "
                    + "positive number (list the running JVMs with jps -l)");
        }
        Path file = targets.toAbsolutePath().normalize();
        Map<String, String> options = new LinkedHashMap<>();
        if (port != null) {
            options.put("port", String.valueOf(port));
        }
        if (host != null) {
            options.put("host", host);
        }
        options.putAll(overrides);
        String agentArgs;
        try {
            agentArgs = agentArgs(file, options);
        } catch (IllegalArgumentException e) {
            err.println("tcpshake attach: " + e.getMessage());
            return CANNOT_ATTACH;
        }
        if (!noValidate) {
            if (!Files.isRegularFile(file)) {
                err.println("tcpshake attach: " + file + ": no such file");
                return INVALID_CONFIG;
            }
            try {
                ConfigLoader.load(file, options, System.getenv());
            } catch (ConfigException e) {
                e.errors().forEach(err::println);
                err.println("tcpshake attach: " + file + " is not valid; nothing attached (validated with this"
                        + " shell's environment: use --no-validate when that JVM's differs)");
                return INVALID_CONFIG;
            }
        }
        Path jar;
        try {
            jar = ownJar();
        } catch (IllegalStateException e) {
            err.println("tcpshake attach: " + e.getMessage());
            return CANNOT_ATTACH;
        }
        try {
            Attacher.load(pid, jar, agentArgs);
        } catch (Attacher.AttachFailedException e) {
            err.println("tcpshake attach: " + e.getMessage());
            return e instanceof Attacher.AlreadyRunningException ? ALREADY_RUNNING : CANNOT_ATTACH;
        }
        out.println("tcpshake: agent loaded into JVM " + pid + " with " + agentArgs
                + "; it reports to that JVM's stderr and log");
        out.flush();
        return 0;
    }

    /** {@code /abs/targets.yaml,key=value,...}: the agent argument, as {@code AgentArgs} parses it. */
    static String agentArgs(Path file, Map<String, String> options) {
        StringBuilder args = new StringBuilder(file.toString());
        if (args.indexOf(",") >= 0) {
            throw new IllegalArgumentException("the targets file's path " + file + " contains a comma, which the"
                    + " agent argument cannot carry: move or link the file to a path without one");
        }
        options.forEach((key, value) -> {
            if ((key + value).contains(",") || key.contains("=")) {
                throw new IllegalArgumentException("option " + InputText.quote(key + "=" + value) + " contains ',' "
                        + "or '=' in the key, which the agent argument cannot carry");
            }
            args.append(',').append(key).append('=').append(value);
        });
        return args.toString();
    }

    /** The tcpshake.jar these classes were loaded from: the agent jar to load into the other JVM. */
    private static Path ownJar() {
        CodeSource source = AttachCommand.class.getProtectionDomain().getCodeSource();
        try {
            Path location = source == null ? null : Paths.get(source.getLocation().toURI());
            if (location == null || !Files.isRegularFile(location)) {
                throw new IllegalStateException("attach needs tcpshake.jar, but runs from " + location
                        + ": run it as java -jar tcpshake.jar attach <pid> <targets.yaml>");
            }
            return location;
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot tell where tcpshake.jar is: " + source.getLocation(), e);
        }
    }
}
