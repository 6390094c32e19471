package io.tcpshake.agent.config;

import static io.tcpshake.agent.config.Yaml.errors;
import static io.tcpshake.agent.config.Yaml.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Values that break an input rule, in the file and in agent options: addresses and hosts (refused where they
 * are, never trimmed), numbers, jitter, names; each error on one short line whatever the value.
 */
class InputRulesTest {
    private static final String SPACE = "an address has no spaces or control characters; remove it (look for a "
            + "stray quote or a variable that adds one)";

    @Test
    void targetAddressesBreakingARuleAreReportedWhereTheyAre() {
        String doc = lines(
                "targets:",
                "  - \"127.0.0.1:\u0665\u0664\"",
                "  - address: \" 127.0.0.1:80\"",
                "  - \"${DB_HOST}:5432\"",
                "  - \"" + "a".repeat(64) + ".internal:80\"",
                "  - \"127.0.0.1:080\"");

        List<String> errors = errors(doc, Map.of(), Map.of("DB_HOST", "db.internal\n"));

        assertEquals(List.of(
                "targets.yaml:2:5: invalid address '127.0.0.1:\\u0665\\u0664': character 11 is U+0665 ARABIC-INDIC "
                        + "DIGIT FIVE: write the digits in ASCII, 0-9",
                "targets.yaml:3:14: invalid address ' 127.0.0.1:80': character 1 is a space: " + SPACE,
                "targets.yaml:4:5: invalid address 'db.internal\\n:5432': character 12 is a line break: " + SPACE,
                "targets.yaml:5:5: invalid address '" + "a".repeat(64) + "...' (76 characters): label '"
                        + "a".repeat(64) + "' is 64 characters long: at most 63 between dots",
                "targets.yaml:6:5: invalid address '127.0.0.1:080': port '080' has a leading zero, which some "
                        + "tools read as octal: write it without, e.g. 80"), errors);
    }

    @Test
    void aHugeAddressIsReportedOnOneShortLine() {
        // Just under the limit on any value (ConfigErrorsTest has a value past it), so the address rules speak.
        List<String> errors = errors(lines("targets:", "  - \"" + "a".repeat(4000) + ":80\""));

        assertEquals(1, errors.size(), errors::toString);
        assertTrue(errors.get(0).startsWith("targets.yaml:2:5: invalid address 'aaaa"), errors.get(0));
        assertTrue(errors.get(0).endsWith("' (4003 characters): it is longer than 260 characters (a host name of "
                + "at most 253, ':' and a port)"), errors.get(0));
    }

    @Test
    void exporterHostFollowsTheSameRulesInTheFileAndAsAnAgentOption() {
        List<String> inFile = errors(lines("exporter: {host: ' 0.0.0.0'}", "targets: []"));
        List<String> asOption = errors("targets: []\n", Map.of("host", "\u0661\u0662\u0667.0.0.1"), Map.of());
        List<String> tooLong = errors("targets: []\n", Map.of("host", "h".repeat(1 << 20)), Map.of());

        assertEquals(List.of("targets.yaml:1:18: invalid host ' 0.0.0.0': character 1 is a space: " + SPACE
                + " (the address to listen on: e.g. 127.0.0.1, 0.0.0.0 for every interface, or ::)"), inFile);
        assertEquals(List.of("agent option 'host=\\u0661\\u0662\\u0667.0.0.1': invalid host "
                + "'\\u0661\\u0662\\u0667.0.0.1': character 1 is U+0661 ARABIC-INDIC DIGIT ONE: write the digits in "
                + "ASCII, 0-9 (the address to listen on: e.g. 127.0.0.1, 0.0.0.0 for every interface, or ::)"),
                asOption);
        assertEquals(1, tooLong.size(), tooLong::toString);
        assertTrue(tooLong.get(0).length() < 400, () -> "the option is not repeated whole: " + tooLong.get(0).length());
    }

    @Test
    void aHugeOrNonAsciiAgentOptionIsReportedOnOneShortLine() {
        List<String> errors = errors("targets: []\n", Map.of("k".repeat(1 << 20), "1", "port", "\u0669\u0664\u0666\u0665"),
                Map.of());

        assertEquals(2, errors.size(), errors::toString);
        assertTrue(errors.contains("agent option 'port=\\u0669\\u0664\\u0666\\u0665': port "
                + "'\\u0669\\u0664\\u0666\\u0665' is not a whole number: expected 0..65535 (0 = any free port)"),
                errors::toString);
        errors.forEach(error -> assertTrue(error.length() < 400, () -> "not repeated whole: " + error.length()));
    }

    @Test
    void aPortWithALeadingZeroIsRefusedInTheFileAsInAnAddress() {
        List<String> errors = errors(lines("exporter: {port: '09465'}", "targets: []"), Map.of(), Map.of());

        assertEquals(List.of("targets.yaml:1:18: port '09465' has a leading zero, which some tools read as octal: "
                + "write 9465"), errors);
    }

    @Test
    void jitterIsAPlainDecimalNotWhateverDoubleParseDoubleTakes() {
        List<String> errors = errors(lines("defaults: {jitter: 0x1p-3}", "targets:",
                "  - {address: 127.0.0.1:1, jitter: 0.1d}", "  - {address: 127.0.0.1:2, jitter: NaN%}"));

        assertEquals(List.of(
                "targets.yaml:1:20: jitter '0x1p-3' is not a percentage: expected e.g. 10% (or the fraction 0.1)",
                "targets.yaml:3:36: jitter '0.1d' is not a percentage: expected e.g. 10% (or the fraction 0.1)",
                "targets.yaml:4:36: jitter 'NaN%' is not a percentage: expected e.g. 10% (or the fraction 0.1)"),
                errors);
    }

    @Test
    void aTargetNameWithALineBreakIsShownEscapedOnOneLine() {
        List<String> errors = errors(lines("targets:", "  - {name: \"db\\nprod\", address: 127.0.0.1:1}"));

        assertEquals(List.of("targets.yaml:2:12: target name 'db\\nprod' is empty or has control characters"), errors);
    }
}
