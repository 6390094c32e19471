package io.tcpshake.agent.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the bytes of a targets file without trusting what is at its path. The type and size are checked
 * before the file is opened: a named pipe would block the reading thread in {@code open()} until some writer
 * came, and a device such as {@code /dev/zero} (or a link to one) never ends; neither is opened. Never more
 * than {@link #MAX_BYTES} + 1 bytes are read, so a file that grows while it is read costs no more memory
 * than one at the limit.
 */
public final class TargetsFile {
    /**
     * Bytes per file: 10,000 targets, each with a name, an address and labels, take about 1 MB. Reading costs
     * up to about 12 bytes of heap per byte of the file (see benchmarks/README.md), so the limit bounds that.
     */
    public static final int MAX_BYTES = 2 * 1024 * 1024;

    private TargetsFile() {
    }

    /**
     * The content of {@code file}, which error messages name as given ({@code targets.yaml: ...}).
     *
     * @throws ConfigException why it is not read: not found, a directory, not a regular file, too large,
     *     unreadable (each with the absolute path and what to do)
     */
    public static byte[] read(Path file) throws ConfigException {
        String source = file.toString();
        Path absolute = file.toAbsolutePath().normalize();
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(absolute, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw refused(source, "file not found: " + absolute);
        } catch (IOException e) {
            throw refused(source, "cannot read " + absolute + ": " + reason(e));
        }
        if (attributes.isDirectory()) {
            throw refused(source, "is a directory, not a file: " + absolute);
        }
        if (!attributes.isRegularFile()) {
            throw refused(source, "is " + kind(absolute) + ", not a regular file: " + absolute
                    + ": tcpshake reads the targets from a regular file only; write them to one and point the"
                    + " agent at it");
        }
        if (attributes.size() > MAX_BYTES) {
            throw tooLarge(source, absolute);
        }
        byte[] content = new byte[(int) attributes.size()];
        int read;
        boolean grew;
        try (InputStream in = Files.newInputStream(absolute)) {
            read = in.readNBytes(content, 0, content.length);
            // One byte more than the size just seen tells a file that grew in between, without reading on.
            grew = in.read() >= 0;
        } catch (NoSuchFileException e) {
            throw refused(source, "file not found: " + absolute);
        } catch (IOException e) {
            throw refused(source, "cannot read " + absolute + ": " + reason(e));
        }
        if (grew) {
            throw refused(source, "changed while it was read (is it still being written?): " + absolute
                    + ": it is read again when it changes next");
        }
        return read == content.length ? content : Arrays.copyOf(content, read);
    }

    /** What a path that is neither a file nor a directory is, for the message. */
    private static String kind(Path absolute) {
        int type;
        try {
            // The "unix" attribute view is there on Linux and macOS; the type is in the mode's S_IFMT bits.
            type = (Integer) Files.getAttribute(absolute, "unix:mode") & 0170000;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return "a named pipe, socket or device";
        }
        switch (type) {
            case 0010000:
                return "a named pipe (FIFO)";
            case 0140000:
                return "a socket";
            case 0020000:
            case 0060000:
                return "a device";
            default:
                return "a special file";
        }
    }

    private static ConfigException tooLarge(String source, Path absolute) {
        return refused(source, "is larger than " + MAX_BYTES / (1024 * 1024) + " MB (" + MAX_BYTES
                + " bytes), the most a targets file may hold: " + absolute + ": is it the right file?");
    }

    private static ConfigException refused(String source, String message) {
        return new ConfigException(List.of(source + ": " + message));
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied: let the user the JVM runs as read it";
        }
        return e.toString();
    }
}
