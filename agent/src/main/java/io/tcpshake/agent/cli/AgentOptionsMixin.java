package io.tcpshake.agent.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --option KEY=VALUE}: the agent options of the commands that read a targets file. */
final class AgentOptionsMixin {
    @Option(names = "--option", paramLabel = "KEY=VALUE",
            description = "An agent option that overrides the file, as after -javaagent:tcpshake.jar=FILE,"
                    + " e.g. --option port=9465. Repeatable.")
    private Map<String, String> options = new LinkedHashMap<>();

    Map<String, String> options() {
        return options;
    }
}
