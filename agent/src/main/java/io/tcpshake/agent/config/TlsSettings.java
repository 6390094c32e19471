package io.tcpshake.agent.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * TLS for the exporter endpoint: a keystore (PKCS12 by default) holding the server's key and certificate.
 * The keystore was opened with the password when the configuration was read, so a wrong path or password is
 * a configuration error, not a failure when the endpoint starts. {@link #toString} never shows the password.
 */
public final class TlsSettings {
    private final Path keystore;
    private final String password;
    private final String type;

    TlsSettings(Path keystore, String password, String type) {
        this.keystore = Objects.requireNonNull(keystore, "keystore");
        this.password = Objects.requireNonNull(password, "password");
        this.type = Objects.requireNonNull(type, "type");
    }

    /** Absolute path of the keystore file. */
    public Path keystore() {
        return keystore;
    }

    /** The keystore's password (also used for the key inside it). */
    public String password() {
        return password;
    }

    /** {@code PKCS12} or {@code JKS}, as {@link java.security.KeyStore#getInstance(String)} takes it. */
    public String type() {
        return type;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof TlsSettings)) {
            return false;
        }
        TlsSettings t = (TlsSettings) o;
        return keystore.equals(t.keystore) && password.equals(t.password) && type.equals(t.type);
    }

    @Override
    public int hashCode() {
        return Objects.hash(keystore, password, type);
    }

    @Override
    public String toString() {
        return "TLS with " + type + " keystore " + keystore;
    }
}
