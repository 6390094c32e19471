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
