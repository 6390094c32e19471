package io.tcpshake.exporter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * A basic-auth password as the configuration stores it: never the password itself, only its hash.
 * Supported: {@code sha256:<64 hex digits>}, the SHA-256 of the UTF-8 password (make one with
 * {@code printf %s 'secret' | sha256sum}). The hash is never logged or shown: {@link #toString()} hides it.
 */
final class PasswordHash {
    private static final String SHA256_PREFIX = "sha256:";

    private final byte[] sha256;

    private PasswordHash(byte[] sha256) {
        this.sha256 = sha256;
    }

    /**
     * Reads a configured hash.
     *
     * @throws IllegalArgumentException saying what is wrong and how to make a valid one; the message
     *         never contains the hash
     */
    static PasswordHash parse(String spec) {
        String error = validate(spec);
        if (error != null) {
            throw new IllegalArgumentException(error);
        }
        return new PasswordHash(hex(spec.substring(SHA256_PREFIX.length())));
    }

    /** Null when {@code spec} is a usable hash, else what is wrong (without repeating the hash). */
    static String validate(String spec) {
        String howTo = ": expected sha256:<64 hex digits>, made with: printf %s 'password' | sha256sum";
        if (spec == null || spec.isEmpty()) {
            return "the exporter's basic-auth password hash is empty" + howTo;
        }
        if (spec.startsWith("$2")) {
            return "the exporter's basic-auth password hash is a bcrypt hash, which tcpshake cannot verify"
                    + " without an extra library" + howTo;
        }
        if (!spec.toLowerCase(Locale.ROOT).startsWith(SHA256_PREFIX)) {
            return "the exporter's basic-auth password hash has an unknown form (never a plain password)" + howTo;
        }
        String hex = spec.substring(SHA256_PREFIX.length());
        if (hex.length() != 64 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return "the exporter's basic-auth password hash after 'sha256:' is not 64 hex digits" + howTo;
        }
        return null;
    }

    /** Whether {@code password} hashes to this hash; in constant time for a given length. */
    boolean matches(String password) {
        return MessageDigest.isEqual(sha256, sha256(password));
    }

    /** {@code sha256:<hex>} of {@code password}: what a user puts in the configuration. */
    static String sha256Spec(String password) {
        StringBuilder text = new StringBuilder(SHA256_PREFIX);
        for (byte b : sha256(password)) {
            text.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return text.toString();
    }

    private static byte[] sha256(String password) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static byte[] hex(String hex) {
        byte[] bytes = new byte[hex.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) ((Character.digit(hex.charAt(2 * i), 16) << 4) | Character.digit(hex.charAt(2 * i + 1), 16));
        }
        return bytes;
    }

    @Override
    public String toString() {
        return "PasswordHash[hidden]";
    }
}
