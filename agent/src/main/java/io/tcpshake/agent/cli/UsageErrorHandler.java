package io.tcpshake.agent.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;

/**
 * Reports a usage error as ONE line on stderr and exits 2, instead of picocli's message plus the full
 * usage text: {@code tcpshake check: invalid address 'x': no port: ... (see tcpshake check --help)}.
 */
final class UsageErrorHandler implements IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException error, String[] args) {
        CommandLine failed = error.getCommandLine();
        PrintWriter err = failed.getErr();
        String command = failed.getCommandSpec().qualifiedName();
        String message = String.valueOf(error.getMessage()).replace('\n', ' ').trim();
        if (!message.isEmpty()) {
            message = Character.toLowerCase(message.charAt(0)) + message.substring(1);
        }
        err.println(command + ": " + message + " (see " + command + " --help)");
        err.flush();
        return Cli.EXIT_USAGE;
    }
}
