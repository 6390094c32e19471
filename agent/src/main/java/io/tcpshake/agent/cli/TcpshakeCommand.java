package io.tcpshake.agent.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The top-level {@code tcpshake} command. Its subcommands are listed in {@link Cli#SUBCOMMANDS}: adding one
 * is one entry there (a picocli {@code @Command} class with a public no-argument constructor).
 */
@Command(name = "tcpshake",
        mixinStandardHelpOptions = true,
        versionProvider = ManifestVersion.class,
        description = "Half-open TCP health checks (SYN, SYN-ACK, RST): the target application never sees a connection.",
        footer = {"", "Run 'tcpshake COMMAND --help' for a command's options."})
public final class TcpshakeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** Without a command there is nothing to do: a usage error naming the commands. */
    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing a command: one of "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
