package io.tcpshake.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Tells whether the targets file changed since it was last seen, by its content. Polled rather than
 * watched: a {@code WatchService} misses editors that write a new file and rename it over the old one, and
 * Kubernetes ConfigMaps that swap a symlink; reading the (small) file and comparing digests sees both.
 */
final class ConfigFileWatch {
    private final Path file;
    private byte[] lastSeen;

    ConfigFileWatch(Path file) {
        this.file = file;
    }

    /** Remembers the file as it is now, so that {@link #changed()} compares against this version. */
    synchronized void markSeen() {
        lastSeen = fingerprint();
    }

    /** Whether the file differs from the version last seen (appeared, vanished or another content). */
    synchronized boolean changed() {
        byte[] now = fingerprint();
        if (Arrays.equals(now, lastSeen)) {
            return false;
        }
        lastSeen = now;
        return true;
    }

    private byte[] fingerprint() {
        try {
            return sha256(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return new byte[0];
        } catch (IOException e) {
            // Unreadable for now: a distinct fingerprint, so the reload that follows reports why.
            return sha256(("unreadable: " + e).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
