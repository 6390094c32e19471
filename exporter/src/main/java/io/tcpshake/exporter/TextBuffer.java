package io.tcpshake.exporter;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.util.Arrays;

/**
 * An unsynchronized {@link Writer} that encodes the exposition text to UTF-8 as it comes: into memory, or, given
 * a sink, into a fixed chunk that goes to the sink whenever it is full (a scrape streamed to its client, so
 * that a scrape of 100,000 targets holds 64 KB of text rather than 200 MB).
 * simpleclient's text writer makes one call per escaped character: through a {@code BufferedWriter} each
 * call takes a lock, and a {@code StringBuilder} would need two more full copies (string, then bytes) of
 * a text that is 23 MB for 10,000 targets. Unpaired surrogates become {@code ?}, as in
 * {@link String#getBytes(java.nio.charset.Charset)}.
 */
final class TextBuffer extends Writer {
    private final OutputStream sink;
    private byte[] bytes;
    private int length;
    private char pendingHighSurrogate;

    /** All in memory, growing from {@code initialCapacity} bytes. */
    TextBuffer(int initialCapacity) {
        this.sink = null;
        this.bytes = new byte[Math.max(16, initialCapacity)];
    }

    /** To {@code sink} in chunks of {@code chunkBytes}; {@link #close()} writes the last (and leaves it open). */
    TextBuffer(OutputStream sink, int chunkBytes) {
        this.sink = sink;
        this.bytes = new byte[Math.max(16, chunkBytes)];
    }

    @Override
    public void write(int c) throws IOException {
        put((char) c);
    }

    @Override
    public void write(char[] chars, int offset, int count) throws IOException {
        ensure(count);
        for (int i = offset; i < offset + count; i++) {
            put(chars[i]);
        }
    }

    @Override
    public void write(String string) throws IOException {
        write(string, 0, string.length());
    }

    @Override
    public void write(String string, int offset, int count) throws IOException {
        ensure(count);
        int end = offset + count;
        int i = offset;
        if (pendingHighSurrogate == 0) {
            // Names, label values and numbers are ASCII nearly always: copy those without the checks.
            byte[] out = bytes;
            int at = length;
            for (char c; i < end && (c = string.charAt(i)) < 0x80; i++) {
                out[at++] = (byte) c;
            }
            length = at;
        }
        for (; i < end; i++) {
            put(string.charAt(i));
        }
    }

    @Override
    public Writer append(char c) throws IOException {
        if (c < 0x80 && pendingHighSurrogate == 0 && length < bytes.length) {
            bytes[length++] = (byte) c;
        } else {
            put(c);
        }
        return this;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() throws IOException {
        if (pendingHighSurrogate != 0) {
            pendingHighSurrogate = 0;
            putByte('?');
        }
        if (sink != null) {
            sink.write(bytes, 0, length);
            length = 0;
        }
    }

    /** Bytes written so far (call {@link #close()} first to flush a dangling surrogate). */
    int length() {
        return length;
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(bytes, 0, length);
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, length);
    }

    private void put(char c) throws IOException {
        if (c < 0x80 && pendingHighSurrogate == 0) {
            putByte(c);
            return;
        }
        if (pendingHighSurrogate != 0) {
            char high = pendingHighSurrogate;
            pendingHighSurrogate = 0;
            if (Character.isLowSurrogate(c)) {
                int codePoint = Character.toCodePoint(high, c);
                ensure(4);
                bytes[length++] = (byte) (0xf0 | (codePoint >>> 18));
                bytes[length++] = (byte) (0x80 | ((codePoint >>> 12) & 0x3f));
                bytes[length++] = (byte) (0x80 | ((codePoint >>> 6) & 0x3f));
                bytes[length++] = (byte) (0x80 | (codePoint & 0x3f));
                return;
            }
            putByte('?');
        }
        if (c < 0x80) {
            putByte(c);
        } else if (c < 0x800) {
            ensure(2);
            bytes[length++] = (byte) (0xc0 | (c >>> 6));
            bytes[length++] = (byte) (0x80 | (c & 0x3f));
        } else if (Character.isHighSurrogate(c)) {
            pendingHighSurrogate = c;
        } else if (Character.isLowSurrogate(c)) {
            putByte('?');
        } else {
            ensure(3);
            bytes[length++] = (byte) (0xe0 | (c >>> 12));
            bytes[length++] = (byte) (0x80 | ((c >>> 6) & 0x3f));
            bytes[length++] = (byte) (0x80 | (c & 0x3f));
        }
    }

    private void putByte(int b) throws IOException {
        if (length == bytes.length) {
            ensure(1);
        }
        bytes[length++] = (byte) b;
    }

    private void ensure(int more) throws IOException {
        if (sink != null && length + more > bytes.length) {
            sink.write(bytes, 0, length);
            length = 0;
        }
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
