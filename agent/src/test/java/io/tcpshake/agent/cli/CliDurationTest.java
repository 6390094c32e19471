package io.tcpshake.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tcpshake.core.monitor.TargetSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CliDurationTest {
    @ParameterizedTest(name = "{0} = {1} ns")
    @CsvSource({
        "500ms, 500000000",
        "1s, 1000000000",
        "1.5s, 1500000000",
        "2m, 120000000000",
        "1h, 3600000000000",
        "250us, 250000",
        "1000, 1000000000",
        "0.5, 500000",
        "' 2S ', 2000000000",
    })
    void parsesUnitsAndPlainMilliseconds(String text, long nanos) {
        assertEquals(Duration.ofNanos(nanos), CliDuration.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "s", "abc", "1x", "1.2.3s", "-1s", "0", "0ms", "1 s 2", "0.0000001ms"})
    void rejectsWhatIsNotAPositiveDuration(String text) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> CliDuration.parse(text));
        assertTrue(error.getMessage().startsWith("invalid duration '" + text + "'"), error.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "\u0665s            | invalid duration '\\u0665s': expected a positive duration",
        "\uff11\uff10ms     | invalid duration '\\uff11\\uff10ms': expected a positive duration",
        "1\u0660s           | invalid duration '1\\u0660s': expected a positive duration",
        "25h                | invalid duration '25h': longer than 24h",
        "1441m              | invalid duration '1441m': longer than 24h",
        "86400001           | invalid duration '86400001': longer than 24h",
        "99999999999999999999h | invalid duration '99999999999999999999h': longer than 24h",
    })
    void rejectsNonAsciiDigitsAndDurationsLongerThanADay(String text, String expected) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> CliDuration.parse(text));
        assertTrue(error.getMessage().startsWith(expected), error.getMessage());
    }

    @org.junit.jupiter.api.Test
    void aDayIsTheLongestAndAMegabyteOfDigitsIsRefusedOnAShortLine() {
        assertEquals(Duration.ofHours(24), CliDuration.parse("24h"));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> CliDuration.parse("9".repeat(1 << 20) + "s"));
        assertTrue(error.getMessage().length() < 300, error.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"1s, 1s", "500ms, 500ms", "2m, 2m", "1.5s, 1500ms", "250us, 0.25ms"})
    void formatsTheWayAUserWritesIt(String text, String formatted) {
        assertEquals(formatted, CliDuration.format(CliDuration.parse(text)));
    }

    @Test
    void checksTimeOutByDefaultAsAMonitoredTargetDoes() {
        assertEquals(TargetSettings.DEFAULT_TIMEOUT, CliDuration.parse(CheckCommand.DEFAULT_TIMEOUT));
    }
}
