package io.tcpshake.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Help and version, however they are asked for. The command line builds only the subcommand it runs, so
 * these are the runs that must still see every command.
 */
class CliHelpTest {
    private static final List<String> COMMANDS = List.of("check", "validate", "serve", "attach", "version", "help");

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h", "help"})
    void topLevelHelpListsEveryCommand(String option) {
        CliRun run = CliRun.of(option);

        assertEquals(0, run.exitCode, run::toString);
        assertTrue(run.out.startsWith("Usage: tcpshake [-hV] [COMMAND]"), run::toString);
        assertEquals(COMMANDS, listedCommands(run.out), run::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"check", "validate", "serve", "attach", "version"})
    void eachCommandHasItsOwnHelpBothWays(String command) {
        CliRun viaHelp = CliRun.of("help", command);
        CliRun viaOption = CliRun.of(command, "--help");

        assertEquals(0, viaHelp.exitCode, viaHelp::toString);
        assertEquals(0, viaOption.exitCode, viaOption::toString);
        assertTrue(viaOption.out.startsWith("Usage: tcpshake " + command + " "), viaOption::toString);
        assertEquals(viaOption.out, viaHelp.out);
    }

    @Test
    void versionFromTheTopAndFromACommandIsTheSame() {
        CliRun top = CliRun.of("--version");
        CliRun check = CliRun.of("check", "-V");

        assertEquals(0, top.exitCode, top::toString);
        assertTrue(top.out.startsWith("tcpshake "), top::toString);
        assertEquals(top.out, check.out);
    }

    @Test
    void noCommandNamesEveryCommand() {
        CliRun run = CliRun.of();

        assertEquals(2, run.exitCode, run::toString);
        assertEquals(List.of("tcpshake: missing a command: one of " + String.join(", ", COMMANDS)
                + " (see tcpshake --help)"), run.errLines(), run::toString);
    }

    /** The names under "Commands:" in a usage text. */
    private static List<String> listedCommands(String usage) {
        String commands = usage.substring(usage.indexOf("Commands:"));
        return commands.lines()
                .skip(1)
                .filter(line -> line.startsWith("  ") && !line.startsWith("    "))
                .map(line -> line.trim().split("\\s+")[0])
                .collect(Collectors.toList());
    }
}
