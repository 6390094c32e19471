package io.tcpshake.agent;

import io.tcpshake.agent.config.ConfigException;
import io.tcpshake.agent.config.TargetsFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Tells whether the targets file changed since it was last seen, by its content. Polled rather than
 * watched: a {@code WatchService} misses editors that write a new file and rename it over the old one, and
 * Kubernetes ConfigMaps that swap a symlink; reading the (small) file and comparing digests sees both. It is
 * read as {@link TargetsFile} reads it: a file that is too large or not a regular file is not read at all.
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
            return sha256(TargetsFile.read(file));
        } catch (ConfigException e) {
            // Missing, unreadable, too large, not a regular file: a fingerprint of why, so that the reload that
            // follows a change reports it, and a file that stays refused is not reported at every poll.
            return sha256(String.join("\n", e.errors()).getBytes(StandardCharsets.UTF_8));
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
