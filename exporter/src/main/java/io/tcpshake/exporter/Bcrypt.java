package io.tcpshake.exporter;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * bcrypt ({@code $2a$}, {@code $2b$}, {@code $2y$}), the hash htpasswd and Prometheus' web config use for
 * basic-auth passwords: the form and cost checked here, with messages for the configuration; the hashing
 * itself is the bcrypt library's.
 */
final class Bcrypt {
    /** The cost range accepted: below 4 is not bcrypt, above 16 would make every check take seconds. */
    static final int MIN_COST = 4;
    static final int MAX_COST = 16;

    private static final String ALPHABET = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    /** Like crypt(3), bcrypt keys on the first 72 bytes of the password and ignores the rest. */
    private static final int KEY_BYTES = 72;
    /** No error for a longer password: crypt(3) and htpasswd accept one, and so must a check of their hash. */
    private static final BCrypt.Verifyer VERIFYER = BCrypt.verifyer(BCrypt.Version.VERSION_2B,
            LongPasswordStrategies.none());

    private Bcrypt() {
    }

    /**
     * Null when {@code hash} has the form {@code $2b$10$<22 salt chars><31 hash chars>} with a usable cost,
     * else what is wrong (without repeating the hash).
     */
    static String validate(String hash) {
        if (hash.length() != 60 || hash.charAt(0) != '$' || hash.charAt(1) != '2' || hash.charAt(3) != '$'
                || hash.charAt(6) != '$' || "aby".indexOf(hash.charAt(2)) < 0) {
            return "is not a bcrypt hash of the form $2b$<cost>$<53 characters>";
        }
        if (!isAsciiDigit(hash.charAt(4)) || !isAsciiDigit(hash.charAt(5))) {
            return "has a bcrypt cost that is not a number";
        }
        int cost = Integer.parseInt(hash.substring(4, 6));
        if (cost < MIN_COST || cost > MAX_COST) {
            return "has bcrypt cost " + cost + ", outside " + MIN_COST + ".." + MAX_COST
                    + " (every check pays it): make it with e.g. htpasswd -nbBC 10 user password";
        }
        for (int i = 7; i < 60; i++) {
            if (ALPHABET.indexOf(hash.charAt(i)) < 0) {
                return "has a character outside bcrypt's alphabet";
            }
        }
        return null;
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Whether {@code password} hashes to {@code hash} (which {@link #validate} accepted). */
    static boolean matches(String password, String hash) {
        byte[] utf8 = password.getBytes(StandardCharsets.UTF_8);
        byte[] key = utf8.length > KEY_BYTES ? Arrays.copyOf(utf8, KEY_BYTES) : utf8;
        return VERIFYER.verify(key, hash.getBytes(StandardCharsets.US_ASCII)).verified;
    }
}
