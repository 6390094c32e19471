package io.tcpshake.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The parsers the loader is built from: durations, variable substitution, suggestions. */
class SmallPartsTest {

    @ParameterizedTest
    @CsvSource({"500ms, 500", "2s, 2000", "1m, 60000", "1h, 3600000", "1m30s, 90000", "1h2m3s4ms, 3723004",
        "0, 0", "0s, 0", "' 10s ', 10000", "24h, 86400000"})
    void durationsAreRead(String text, long millis) {
        assertEquals(Duration.ofMillis(millis), ConfigDuration.parse(text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "10|'10' has no unit: write 10s or 10ms (units: ms, s, m, h)",
        "1.5s|'1.5s' has a fraction: write whole numbers of a smaller unit, e.g. 1500ms for 1.5s",
        "10 s|'10 s' is not a duration: expected e.g. 500ms, 2s, 1m, 1h or 1m30s",
        "s|'s' is not a duration: expected e.g. 500ms, 2s, 1m, 1h or 1m30s",
        "-1s|'-1s' is not a duration: expected e.g. 500ms, 2s, 1m, 1h or 1m30s",
        "1d|'1d' is not a duration: expected e.g. 500ms, 2s, 1m, 1h or 1m30s",
        "30s1m|'30s1m' repeats a unit or has them out of order: write larger units first, e.g. 1h30m or 1m30s",
        "1s1s|'1s1s' repeats a unit or has them out of order: write larger units first, e.g. 1h30m or 1m30s",
        "\u0665s|'\\u0665s' is not a duration: expected e.g. 500ms, 2s, 1m, 1h or 1m30s",
        "\u0661\u0660|'\\u0661\\u0660' is not a duration: expected e.g. 500ms, 2s, 1m, 1h or 1m30s",
        "1\uff10s|'1\\uff10s' is not a duration: expected e.g. 500ms, 2s, 1m, 1h or 1m30s",
        "25h|'25h' is longer than 24h, the longest duration a setting takes",
        "999999999h|'999999999h' is longer than 24h, the longest duration a setting takes",
        "1440m1s|'1440m1s' is longer than 24h, the longest duration a setting takes",
        "123456789012345678901234567890123s|'123456789012345678901234567890123s' is too long to be a duration: "
                + "expected e.g. 500ms, 2s, 1m, 1h or 1m30s"})
    void badDurationsSayHowToWriteThem(String text, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> ConfigDuration.parse(text))
                .getMessage());
    }

    @Test
    void durationsAreFormattedSoTheyReadBack() {
        for (String text : List.of("500ms", "2s", "1m", "1h", "1m30s", "1h1m1s1ms")) {
            assertEquals(text, ConfigDuration.format(ConfigDuration.parse(text)));
        }
        assertEquals("0s", ConfigDuration.format(Duration.ZERO));
    }

    @Test
    void variablesAreSubstitutedLikeAShell() {
        Map<String, String> env = Map.of("HOST", "db", "EMPTY", "");
        assertEquals("db:5432", EnvSubstitution.apply("${HOST}:5432", env, 4096));
        assertEquals("x:5432", EnvSubstitution.apply("${MISSING:-x}:5432", env, 4096));
        assertEquals("fallback", EnvSubstitution.apply("${EMPTY:-fallback}", env, 4096), "empty takes the default");
        assertEquals("", EnvSubstitution.apply("${EMPTY}", env, 4096), "set but empty is empty");
        assertEquals("", EnvSubstitution.apply("${MISSING:-}", env, 4096));
        assertEquals("${HOST}", EnvSubstitution.apply("$${HOST}", env, 4096), "$$ escapes");
        assertEquals("$2b$10$abc", EnvSubstitution.apply("$2b$10$abc", env, 4096), "a lone $ stays");
        assertEquals("a:-b", EnvSubstitution.apply("${MISSING:-a:-b}", env, 4096), "the default is everything after :-");
        assertEquals("environment variable MISSING is not set: set it, or give a default with ${MISSING:-value}",
                assertThrows(IllegalArgumentException.class, () -> EnvSubstitution.apply("${MISSING}", env, 4096))
                        .getMessage());
    }

    @Test
    void suggestionsFindTyposButNotUnrelatedWords() {
        List<String> keys = List.of("interval", "timeout", "rise", "fall", "port", "fast_interval", "ip");
        assertEquals(Optional.of("timeout"), KeySuggestion.closest("timout", keys));
        assertEquals(Optional.of("timeout"), KeySuggestion.closest("Timeout", keys));
        assertEquals(Optional.of("port"), KeySuggestion.closest("prot", keys), "a swap is one edit");
        assertEquals(Optional.of("fast_interval"), KeySuggestion.closest("fast-interval", keys));
        assertEquals(Optional.of("fast_interval"), KeySuggestion.closest("fastinter", keys), "HAProxy's name");
        assertEquals(Optional.of("interval"), KeySuggestion.closest("period", keys), "Kubernetes' name");
        assertEquals(Optional.empty(), KeySuggestion.closest("colour", keys));
        assertEquals(Optional.empty(), KeySuggestion.closest("x", keys));
    }
}
