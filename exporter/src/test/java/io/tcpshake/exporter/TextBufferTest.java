package io.tcpshake.exporter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextBufferTest {
    @ParameterizedTest
    @ValueSource(strings = {"", "plain ascii", "ünïcødé", "€ 3 bytes", "emoji 🙂 pair", "lone \ud83d high",
        "lone \ude42 low", "end high \ud83d", "\ud83d\ud83d\ude42 two highs"})
    void encodesLikeStringGetBytesUtf8(String text) throws IOException {
        assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), written(text, true));
        assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), written(text, false));
        assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), streamed(text, 4, false));
    }

    @Test
    void growsPastItsInitialCapacity() throws IOException {
        String text = "x".repeat(100_000) + "ü".repeat(10_000);
        assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), written(text, true));
    }

    @Test
    void streamsInChunksNoLargerThanItsOwn() throws IOException {
        String text = "x".repeat(100_000) + "ü".repeat(10_000) + "🙂".repeat(1000);
        int[] largest = new int[1];
        ByteArrayOutputStream sink = new ByteArrayOutputStream() {
            @Override
            public synchronized void write(byte[] b, int off, int len) {
                largest[0] = Math.max(largest[0], len);
                super.write(b, off, len);
            }
        };
        TextBuffer buffer = new TextBuffer(sink, 1024);
        for (int i = 0; i < text.length(); i += 100) {
            buffer.write(text, i, Math.min(100, text.length() - i));
        }
        buffer.close();

        assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), sink.toByteArray());
        assertTrue(largest[0] > 900 && largest[0] <= 1024, "chunks of " + largest[0] + " bytes");
        assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), streamed(text, 16, true));
    }

    private static byte[] streamed(String text, int chunk, boolean whole) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        TextBuffer buffer = new TextBuffer(sink, chunk);
        write(buffer, text, whole);
        buffer.close();
        return sink.toByteArray();
    }

    /** Through write(String) or char by char, as simpleclient's escaping does. */
    private static byte[] written(String text, boolean whole) throws IOException {
        TextBuffer buffer = new TextBuffer(4);
        write(buffer, text, whole);
        buffer.close();
        return buffer.toByteArray();
    }

    private static void write(TextBuffer buffer, String text, boolean whole) throws IOException {
        if (whole) {
            buffer.write(text);
        } else {
            for (int i = 0; i < text.length(); i++) {
                buffer.append(text.charAt(i));
            }
        }
    }
}
