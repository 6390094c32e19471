package io.tcpshake.exporter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextBufferTest {
    @ParameterizedTest
    @ValueSource(strings = {"", "plain ascii", "ünïcødé", "€ 3 bytes", "emoji 🙂 pair", "lone \ud83d high",
        "lone \ude42 low", "end high \ud83d", "\ud83d\ud83d\ude42 two highs"})
    void encodesLikeStringGetBytesUtf8(String text) {
        assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), written(text, true));
        assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), written(text, false));
    }

    @Test
    void growsPastItsInitialCapacity() {
        String text = "x".repeat(100_000) + "ü".repeat(10_000);
        assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), written(text, true));
    }

    /** Through write(String) or char by char, as simpleclient's escaping does. */
    private static byte[] written(String text, boolean whole) {
        TextBuffer buffer = new TextBuffer(4);
        if (whole) {
            buffer.write(text);
        } else {
            for (int i = 0; i < text.length(); i++) {
                buffer.append(text.charAt(i));
            }
        }
        buffer.close();
        return buffer.toByteArray();
    }
}
