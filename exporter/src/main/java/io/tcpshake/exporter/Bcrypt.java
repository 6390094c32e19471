package io.tcpshake.exporter;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * bcrypt ({@code $2a$}, {@code $2b$}, {@code $2y$}), the hash htpasswd and Prometheus' web config use for
 * basic-auth passwords, without a library. Blowfish's initial state is the hex fraction of pi, computed
 * once here (Machin's formula) instead of pasting 1,042 constants.
 */
final class Bcrypt {
    /** The cost range accepted: below 4 is not bcrypt, above 16 would make every scrape take seconds. */
    static final int MIN_COST = 4;
    static final int MAX_COST = 16;

    private static final String ALPHABET = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int ROUNDS = 16;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 23;
    private static final int[] CIPHERTEXT = words("OrpheanBeholderScryDoubt".getBytes(StandardCharsets.US_ASCII));

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
                    + " (every scrape pays it): make it with e.g. htpasswd -nbBC 10 user password";
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
        int cost = Integer.parseInt(hash.substring(4, 6));
        byte[] salt = decode(hash.substring(7, 29), SALT_BYTES);
        String expected = hash.substring(29);
        String actual = encode(hashBytes(password, salt, cost));
        return java.security.MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                actual.getBytes(StandardCharsets.US_ASCII));
    }

    /** The full {@code $2b$} hash of {@code password} with this salt and cost (for tests and tooling). */
    static String hash(String password, byte[] salt, int cost) {
        return "$2b$" + (cost < 10 ? "0" : "") + cost + "$" + encode(salt) + encode(hashBytes(password, salt, cost));
    }

    private static byte[] hashBytes(String password, byte[] salt, int cost) {
        // The key is the UTF-8 password with its terminating NUL; Blowfish uses at most its first 72 bytes.
        byte[] utf8 = password.getBytes(StandardCharsets.UTF_8);
        byte[] key = Arrays.copyOf(utf8, Math.min(utf8.length + 1, 72));
        Blowfish state = new Blowfish();
        state.expand(salt, key);
        for (long i = 1L << cost; i > 0; i--) {
            state.expand(key);
            state.expand(salt);
        }
        int[] text = CIPHERTEXT.clone();
        for (int i = 0; i < 64; i++) {
            for (int block = 0; block < text.length; block += 2) {
                state.encipher(text, block);
            }
        }
        byte[] out = new byte[text.length * 4];
        for (int i = 0; i < text.length; i++) {
            out[4 * i] = (byte) (text[i] >>> 24);
            out[4 * i + 1] = (byte) (text[i] >>> 16);
            out[4 * i + 2] = (byte) (text[i] >>> 8);
            out[4 * i + 3] = (byte) text[i];
        }
        return Arrays.copyOf(out, HASH_BYTES);
    }

    /** Blowfish's key schedule state, as bcrypt's "expensive key setup" drives it. */
    private static final class Blowfish {
        private final int[] p = PiDigits.P.clone();
        private final int[] s = PiDigits.S.clone();
        private int offset;

        /** Plain Blowfish key expansion with {@code key}. */
        void expand(byte[] key) {
            offset = 0;
            for (int i = 0; i < p.length; i++) {
                p[i] ^= nextWord(key);
            }
            int[] block = {0, 0};
            for (int i = 0; i < p.length; i += 2) {
                encipher(block, 0);
                p[i] = block[0];
                p[i + 1] = block[1];
            }
            for (int i = 0; i < s.length; i += 2) {
                encipher(block, 0);
                s[i] = block[0];
                s[i + 1] = block[1];
            }
        }

        /** bcrypt's salted expansion: the salt is mixed into every block before it is enciphered. */
        void expand(byte[] salt, byte[] key) {
            offset = 0;
            for (int i = 0; i < p.length; i++) {
                p[i] ^= nextWord(key);
            }
            int saltOffset = 0;
            int[] block = {0, 0};
            for (int i = 0; i < p.length + s.length; i += 2) {
                offset = saltOffset;
                block[0] ^= nextWord(salt);
                block[1] ^= nextWord(salt);
                saltOffset = offset;
                encipher(block, 0);
                if (i < p.length) {
                    p[i] = block[0];
                    p[i + 1] = block[1];
                } else {
                    s[i - p.length] = block[0];
                    s[i - p.length + 1] = block[1];
                }
            }
        }

        void encipher(int[] block, int at) {
            int left = block[at] ^ p[0];
            int right = block[at + 1];
            for (int i = 1; i <= ROUNDS; i += 2) {
                right ^= f(left) ^ p[i];
                left ^= f(right) ^ p[i + 1];
            }
            block[at] = right ^ p[ROUNDS + 1];
            block[at + 1] = left;
        }

        private int f(int x) {
            return ((s[x >>> 24] + s[0x100 | ((x >>> 16) & 0xff)]) ^ s[0x200 | ((x >>> 8) & 0xff)])
                    + s[0x300 | (x & 0xff)];
        }

        /** The next 4 bytes of {@code data}, cycling, big-endian. */
        private int nextWord(byte[] data) {
            int word = 0;
            for (int i = 0; i < 4; i++) {
                word = (word << 8) | (data[offset] & 0xff);
                offset = (offset + 1) % data.length;
            }
            return word;
        }
    }

    /** Blowfish's initial P-array (18 words) and S-boxes (4 x 256 words): pi's hex digits after the point. */
    private static final class PiDigits {
        static final int[] P = new int[18];
        static final int[] S = new int[1024];

        static {
            int words = P.length + S.length;
            int guardBits = 64;
            int bits = words * 32 + guardBits;
            BigInteger one = BigInteger.ONE.shiftLeft(bits);
            // pi = 16 atan(1/5) - 4 atan(1/239), in fixed point with `bits` fraction bits.
            BigInteger pi = arctanInverse(5, one).shiftLeft(4).subtract(arctanInverse(239, one).shiftLeft(2));
            BigInteger fraction = pi.subtract(BigInteger.valueOf(3).shiftLeft(bits)).shiftRight(guardBits);
            for (int i = 0; i < words; i++) {
                int word = fraction.shiftRight((words - 1 - i) * 32).intValue();
                if (i < P.length) {
                    P[i] = word;
                } else {
                    S[i - P.length] = word;
                }
            }
        }

        /** atan(1/x) scaled by {@code one}, by its Taylor series. */
        private static BigInteger arctanInverse(int x, BigInteger one) {
            BigInteger xSquared = BigInteger.valueOf((long) x * x);
            BigInteger power = one.divide(BigInteger.valueOf(x));
            BigInteger sum = power;
            for (int n = 3, sign = -1; power.signum() != 0; n += 2, sign = -sign) {
                power = power.divide(xSquared);
                BigInteger term = power.divide(BigInteger.valueOf(n));
                sum = sign < 0 ? sum.subtract(term) : sum.add(term);
            }
            return sum;
        }
    }

    private static int[] words(byte[] bytes) {
        int[] words = new int[bytes.length / 4];
        for (int i = 0; i < words.length; i++) {
            words[i] = ((bytes[4 * i] & 0xff) << 24) | ((bytes[4 * i + 1] & 0xff) << 16)
                    | ((bytes[4 * i + 2] & 0xff) << 8) | (bytes[4 * i + 3] & 0xff);
        }
        return words;
    }

    /** bcrypt's base64: its own alphabet, no padding. */
    static String encode(byte[] bytes) {
        StringBuilder text = new StringBuilder((bytes.length * 4 + 2) / 3);
        for (int i = 0; i < bytes.length; i += 3) {
            int b0 = bytes[i] & 0xff;
            int b1 = i + 1 < bytes.length ? bytes[i + 1] & 0xff : 0;
            int b2 = i + 2 < bytes.length ? bytes[i + 2] & 0xff : 0;
            text.append(ALPHABET.charAt(b0 >>> 2));
            text.append(ALPHABET.charAt(((b0 & 0x03) << 4) | (b1 >>> 4)));
            if (i + 1 < bytes.length) {
                text.append(ALPHABET.charAt(((b1 & 0x0f) << 2) | (b2 >>> 6)));
            }
            if (i + 2 < bytes.length) {
                text.append(ALPHABET.charAt(b2 & 0x3f));
            }
        }
        return text.toString();
    }

    static byte[] decode(String text, int length) {
        byte[] bytes = new byte[length];
        int bitBuffer = 0;
        int bitCount = 0;
        int at = 0;
        for (int i = 0; i < text.length() && at < length; i++) {
            bitBuffer = (bitBuffer << 6) | ALPHABET.indexOf(text.charAt(i));
            bitCount += 6;
            if (bitCount >= 8) {
                bitCount -= 8;
                bytes[at++] = (byte) (bitBuffer >>> bitCount);
                bitBuffer &= (1 << bitCount) - 1;
            }
        }
        return bytes;
    }
}
