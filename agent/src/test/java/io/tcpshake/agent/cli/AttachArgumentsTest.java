package io.tcpshake.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** attach's options that the agent argument cannot carry: named on one short line, nothing attached. */
class AttachArgumentsTest {
    @Test
    void anOptionWithACommaIsRefusedShownCutShort() {
        CliRun run = CliRun.of("attach", "1", "t.yaml", "--set", "k=" + "a,".repeat(1 << 19));

        assertEquals(AttachCommand.CANNOT_ATTACH, run.exitCode, run::toString);
        assertEquals(List.of("tcpshake attach: option 'k=" + "a,".repeat(31) + "...' (1048578 characters) "
                + "contains ',' or '=' in the key, which the agent argument cannot carry"), run.errLines());
    }
}
