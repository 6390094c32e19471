package io.tcpshake.exporter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Locale;

/**
 * A basic-auth password as the configuration stores it: never the password itself, only its hash.
 * <ul>
 * <li>bcrypt, {@code $2b$10$...} (also {@code $2a$}, {@code $2y$}; cost 4..16), as made by
 * {@code htpasswd -nbBC 10 user password} and used by Prometheus' own web config;</li>
 * <li>{@code sha256:<64 hex digits>}, the SHA-256 of the UTF-8 password
 * ({@code printf %s 'password' | sha256sum}): fast, so only for long random passwords.</li>
 * </ul>
 * A bcrypt check costs tens of milliseconds by design; the last password that matched is remembered
 * (as a salted SHA-256, never in clear) so a scraper sending the same credentials every 15 s pays it once.
 * The hash is never logged or shown: {@link #toString()} hides it, error messages never repeat it.
 */
final class PasswordHash {
    private static final String SHA256_PREFIX = "sha256:";
    private static final String HOW_TO = ": expected a bcrypt hash (htpasswd -nbBC 10 user 'password')"
            + " or sha256:<64 hex digits> (printf %s 'password' | sha256sum)";

    private final byte[] sha256;
    private final String bcrypt;
    private final byte[] rememberSalt = new byte[16];
    private volatile byte[] rememberedMatch;

    private PasswordHash(byte[] sha256, String bcrypt) {
        this.sha256 = sha256;
        this.bcrypt = bcrypt;
        new SecureRandom().nextBytes(rememberSalt);
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
        return spec.startsWith("$2") ? new PasswordHash(null, spec)
                : new PasswordHash(hex(spec.substring(SHA256_PREFIX.length())), null);
    }

    /** Null when {@code spec} is a usable hash, else what is wrong (without repeating the hash). */
    static String validate(String spec) {
        String what = "the exporter's basic-auth password hash ";
        if (spec == null || spec.isEmpty()) {
            return what + "is empty" + HOW_TO;
        }
        if (spec.startsWith("$2")) {
            String error = Bcrypt.validate(spec);
            return error == null ? null : what + error;
        }
        if (!spec.toLowerCase(Locale.ROOT).startsWith(SHA256_PREFIX)) {
            return what + "has an unknown form (never put the plain password there)" + HOW_TO;
        }
        String hex = spec.substring(SHA256_PREFIX.length());
        if (hex.length() != 64 || !hex.chars().allMatch(c -> "0123456789abcdefABCDEF".indexOf(c) >= 0)) {
            return what + "after 'sha256:' is not 64 hex digits" + HOW_TO;
        }
        return null;
    }

    /** Whether {@link #matches} may cost tens of milliseconds of CPU (bcrypt, unless {@link #isRemembered}). */
    boolean isCostly() {
        return bcrypt != null;
    }

    /** Whether {@code password} is the one that matched last: {@link #matches} then answers at once. */
    boolean isRemembered(String password) {
        byte[] remembered = rememberedMatch;
        return remembered != null && MessageDigest.isEqual(remembered, sha256(rememberSalt, password));
    }

    /** Whether {@code password} hashes to this hash. */
    boolean matches(String password) {
        if (bcrypt == null) {
            return MessageDigest.isEqual(sha256, sha256(new byte[0], password));
        }
        if (isRemembered(password)) {
            return true;
        }
        if (Bcrypt.matches(password, bcrypt)) {
            rememberedMatch = sha256(rememberSalt, password);
            return true;
        }
        return false;
    }

    /** {@code sha256:<hex>} of {@code password}: what a user puts in the configuration. */
    static String sha256Spec(String password) {
        StringBuilder text = new StringBuilder(SHA256_PREFIX);
        for (byte b : sha256(new byte[0], password)) {
            text.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return text.toString();
    }

    private static byte[] sha256(byte[] salt, String password) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(salt);
            return digest.digest(password.getBytes(StandardCharsets.UTF_8));
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
