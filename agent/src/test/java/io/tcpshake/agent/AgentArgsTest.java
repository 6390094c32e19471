package io.tcpshake.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AgentArgsTest {

    @ParameterizedTest(name = "''{0}'' -> file {1}, overrides {2}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "NULL                                | NULL               | ''",
            "''                                  | NULL               | ''",
            "'   '                               | NULL               | ''",
            "targets.yaml                        | targets.yaml       | ''",
            "/etc/tcpshake/targets.yaml          | /etc/tcpshake/targets.yaml | ''",
            "targets.yaml,port=9465              | targets.yaml       | port=9465",
            "' targets.yaml , port = 9465 '      | targets.yaml       | port=9465",
            "targets.yaml,host=127.0.0.1,port=0  | targets.yaml       | host=127.0.0.1;port=0",
            "port=9465,targets.yaml              | targets.yaml       | port=9465",
            "port=9465                           | NULL               | port=9465",
            "'targets.yaml,,port=1,'             | targets.yaml       | port=1",
            "'C:\\tcpshake\\targets.yaml'        | 'C:\\tcpshake\\targets.yaml' | ''",
            "targets.yaml,password=a=b           | targets.yaml       | password=a=b",
            "targets.yaml,main=com.example.*,port=1 | targets.yaml    | port=1",
    })
    void parsesFileAndOverrides(String args, String file, String overrides) {
        AgentArgs parsed = AgentArgs.parse(args);
        assertEquals(Optional.ofNullable(file), parsed.file());
        assertEquals(overrides, render(parsed.overrides()));
    }

    @ParameterizedTest(name = "''{0}'' is rejected: {1}")
    @CsvSource(delimiter = '|', value = {
            "a.yaml,b.yaml          | names two targets files ('a.yaml' and 'b.yaml')",
            "targets.yaml,=9465     | has no key",
            "targets.yaml,port=     | 'port' has no value",
            "targets.yaml,port=1,port=2 | 'port' is given twice",
            "targets.yaml,log_hold=10 | agent option 'log_hold=10': '10' has no unit",
    })
    void rejectsMalformedArguments(String args, String expectedMessage) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AgentArgs.parse(args));
        assertTrue(e.getMessage().contains(expectedMessage), e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void aHugeOrMultiLineArgumentIsShownOnOneShortLine() {
        String huge = "a.yaml,b.yaml," + "x".repeat(1 << 20);
        String lines = "targets.yaml,port=1\n,port=2";

        String hugeMessage = assertThrows(IllegalArgumentException.class, () -> AgentArgs.parse(huge)).getMessage();
        String linesMessage = assertThrows(IllegalArgumentException.class, () -> AgentArgs.parse(lines)).getMessage();

        assertTrue(hugeMessage.length() < 300 && hugeMessage.contains("(1048590 characters)"), hugeMessage);
        assertEquals("agent option 'port' is given twice in 'targets.yaml,port=1\\n,port=2'", linesMessage);
    }

    @ParameterizedTest(name = "args ''{0}'', property ''{1}'' -> {2}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "a.yaml       | b.yaml | a.yaml",
            "port=1       | b.yaml | b.yaml",
            "NULL         | b.yaml | b.yaml",
            "NULL         | '  '   | NULL",
            "NULL         | NULL   | NULL",
    })
    void argumentFileWinsOverTheProperty(String args, String property, String expected) {
        assertEquals(Optional.ofNullable(expected), AgentArgs.parse(args).orFile(property).file());
    }

    @ParameterizedTest(name = "''{0}'' -> log hold {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "targets.yaml                 | NULL",
            "targets.yaml,log_hold=0      | PT0S",
            "targets.yaml,log_hold=30s    | PT30S",
    })
    void logHoldIsAnOptionOfTheAgentNotOfTheFile(String args, String expected) {
        AgentArgs parsed = AgentArgs.parse(args);
        assertEquals(Optional.ofNullable(expected).map(java.time.Duration::parse), parsed.logHold());
        assertEquals(Map.of(), parsed.overrides());
        assertEquals(parsed.logHold(), parsed.orFile("other.yaml").logHold());
    }

    private static String render(Map<String, String> overrides) {
        StringBuilder out = new StringBuilder();
        overrides.forEach((k, v) -> out.append(out.length() == 0 ? "" : ";").append(k).append('=').append(v));
        return out.toString();
    }
}
