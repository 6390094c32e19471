package io.tcpshake.exporter;

import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * An unsynchronized in-memory {@link Writer} for the exposition text. simpleclient's text writer makes
 * one call per escaped character; through a {@code BufferedWriter} each call takes a lock, which made
 * writing 10,000 targets several times slower than the text itself costs.
 */
final class TextBuffer extends Writer {
    private final StringBuilder text;

    TextBuffer(int initialCapacity) {
        this.text = new StringBuilder(initialCapacity);
    }

    @Override
    public void write(int c) {
        text.append((char) c);
    }

    @Override
    public void write(char[] chars, int offset, int length) {
        text.append(chars, offset, length);
    }

    @Override
    public void write(String string) {
        text.append(string);
    }

    @Override
    public void write(String string, int offset, int length) {
        text.append(string, offset, offset + length);
    }

    @Override
    public Writer append(char c) {
        text.append(c);
        return this;
    }

    @Override
    public Writer append(CharSequence chars) {
        text.append(chars);
        return this;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }

    int length() {
        return text.length();
    }

    byte[] toUtf8() {
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
