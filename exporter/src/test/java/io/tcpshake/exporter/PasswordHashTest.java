package io.tcpshake.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import at.favre.lib.crypto.bcrypt.BCrypt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PasswordHashTest {
    /** Hashes made by glibc/libxcrypt's crypt(3) (Debian 12), and OpenWall's classic "U*U" vector. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "s3cret pass|$2b$04$abcdefghijklmnopqrstuuoBpIrM0OnplXjsOI8DWYJTHUhJDuUv.",
        "''|$2a$05$CCCCCCCCCCCCCCCCCCCCC.7uG0VCzI2bS7j6ymqJi9CdcdxiRTWNy",
        "ünïcødé|$2y$04$0123456789ABCDEFGHIJK.w9ZsJUw0XdtaNtlTK4h62tGFRzP1bV6",
        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx|$2b$04$ZZZZZZZZZZZZZZZZZZZZZeJPUMK2De3vAKVYMdycSaVXCDjr3fVeK",
        "U*U|$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW",
    })
    void bcryptHashesMadeByCryptMatchTheirPasswordAndNoOther(String password, String hash) {
        assertNull(PasswordHash.validate(hash));
        PasswordHash parsed = PasswordHash.parse(hash);
        assertTrue(parsed.matches(password));
        assertTrue(parsed.matches(password), "the remembered match");
        assertFalse(parsed.matches("!" + password));
        assertFalse(parsed.matches(password.isEmpty() ? "x" : "y" + password.substring(1)));
    }

    @Test
    void bcryptLikeCryptIgnoresWhatComesAfter72Bytes() {
        PasswordHash hash = PasswordHash.parse("$2b$04$ZZZZZZZZZZZZZZZZZZZZZeJPUMK2De3vAKVYMdycSaVXCDjr3fVeK");
        assertTrue(hash.matches("x".repeat(72) + "anything"));
        assertFalse(hash.matches("x".repeat(71)));
    }

    @Test
    void bcryptHashWithARandomSaltMatchesItsPasswordOnly() {
        String hash = BCrypt.with(BCrypt.Version.VERSION_2B).hashToString(4, "correct horse".toCharArray());
        assertTrue(hash.startsWith("$2b$04$") && hash.length() == 60, hash);
        assertTrue(PasswordHash.parse(hash).matches("correct horse"));
        assertFalse(PasswordHash.parse(hash).matches("correct horsf"));
    }

    @Test
    void sha256HashMatchesItsPassword() {
        String spec = PasswordHash.sha256Spec("s3cret");
        // What the documented recipe gives: printf %s 's3cret' | sha256sum
        assertEquals("sha256:1ec1c26b50d5d3c58d9583181af8076655fe00756bf7285940ba3670f99fcba0", spec);
        assertTrue(PasswordHash.parse(spec).matches("s3cret"));
        assertFalse(PasswordHash.parse(spec).matches("s3cret "));
        assertTrue(PasswordHash.parse(spec.toUpperCase().replace("SHA256:", "sha256:")).matches("s3cret"));
    }

    @Test
    void unusableHashesAreExplainedWithoutRepeatingThem() {
        assertTrue(PasswordHash.validate("hunter2").contains("unknown form"));
        assertFalse(PasswordHash.validate("hunter2").contains("hunter2"));
        assertTrue(PasswordHash.validate("sha256:abc").contains("not 64 hex digits"));
        assertTrue(PasswordHash.validate("$2b$31$abcdefghijklmnopqrstuuoBpIrM0OnplXjsOI8DWYJTHUhJDuUv.")
                .contains("cost 31, outside 4..16"));
        assertTrue(PasswordHash.validate("$2b$10$short").contains("not a bcrypt hash"));
        assertTrue(PasswordHash.validate("$2b$+5$abcdefghijklmnopqrstuuoBpIrM0OnplXjsOI8DWYJTHUhJDuUv.")
                .contains("cost that is not a number"));
        assertTrue(PasswordHash.validate("sha256:" + "\uff10".repeat(64)).contains("not 64 hex digits"),
                "ASCII hex digits only, as the agent's configuration always took");
        assertTrue(PasswordHash.validate("").contains("empty"));
        assertEquals(PasswordHash.validate("hunter2"), MetricsEndpoint.validatePasswordHash("hunter2"));
        assertNull(MetricsEndpoint.validatePasswordHash(PasswordHash.sha256Spec("x")));
        assertEquals("PasswordHash[hidden]", PasswordHash.parse(PasswordHash.sha256Spec("x")).toString());
    }
}
