package io.tcpshake.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The demo's port variables: a port in other digits, with a sign or out of range is refused, naming it. */
class DemoPortsTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "\u0665\u0664 | DEMO_UP_PORT='\\u0665\\u0664' is not a port: expected ASCII digits 0..65535",
        "+80         | DEMO_UP_PORT='+80' is not a port: expected ASCII digits 0..65535",
        "70000       | DEMO_UP_PORT='70000' is not a port: expected ASCII digits 0..65535",
    })
    void aPortVariableThatIsNotAPlainPortIsRefusedBeforeAnythingListens(String port, String message)
            throws Exception {
        DemoApp demo = new DemoApp();
        try {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> demo.start(Map.of(
                    "DEMO_UP_PORT", port, "DEMO_UP_V6_PORT", "0", "DEMO_REFUSED_PORT", "0",
                    "DEMO_TIMEOUT_PORT", "0", "DEMO_FLAPPING_PORT", "0")));
            assertEquals(message, refused.getMessage());
        } finally {
            demo.close();
        }
    }
}
