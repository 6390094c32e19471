package io.tcpshake.agent.cli;

import io.tcpshake.agent.config.AgentConfig;
import io.tcpshake.agent.config.ConfigException;
import io.tcpshake.agent.config.ConfigLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tcpshake validate targets.yaml}: reads the file as the agent would and prints either
 * {@code targets.yaml: OK (3 targets)} (exit 0) or every error, one {@code file:line:column: message} per line
 * (exit 1). Nothing is checked on the network.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Checks a targets.yaml file without starting anything.",
                "Prints every error as file:line:column: message; exit status 0 when valid, 1 otherwise."})
public final class ValidateCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The targets.yaml file to check.")
    private Path file;

    @Mixin
    private AgentOptionsMixin agentOptions;

    private final Map<String, String> environment;

    /** Substitutes {@code ${NAME}} from the process environment, as the agent does. */
    public ValidateCommand() {
        this(System.getenv());
    }

    /** Substitutes {@code ${NAME}} from {@code environment} (for tests). */
    ValidateCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            AgentConfig config = ConfigLoader.load(file, agentOptions.options(), environment);
            int n = config.targets().size();
            out.println(file + ": OK (" + n + (n == 1 ? " target" : " targets")
                    + (config.discovery().enabled() ? ", and discovery of the JVM's connections)" : ")"));
            out.flush();
            return 0;
        } catch (ConfigException e) {
            e.errors().forEach(err::println);
            err.flush();
            return 1;
        }
    }
}
