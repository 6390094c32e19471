package io.tcpshake.agent.config;

import java.util.Objects;

/**
 * HTTP basic auth for the exporter endpoint: one user and the hash of its password (never the password
 * itself), as Prometheus' web config and jmx_exporter take it. {@link #toString} never shows the hash.
 */
public final class BasicAuthSettings {
    /** How the password is hashed. */
    public enum HashKind {
        /** Hex SHA-256 of the UTF-8 password: {@code printf %s 'secret' | sha256sum}. */
        SHA256,
        /** A bcrypt hash ({@code $2a$}, {@code $2b$} or {@code $2y$}), e.g. from {@code htpasswd -nbBC 10}. */
        BCRYPT;

        /** {@code hash} as the endpoint's {@code basicAuth} takes it: {@code sha256:<hex>}, or the bcrypt text. */
        String endpointForm(String hash) {
            return this == SHA256 ? "sha256:" + hash : hash;
        }
    }

    private final String username;
    private final HashKind hashKind;
    private final String passwordHash;

    BasicAuthSettings(String username, HashKind hashKind, String passwordHash) {
        this.username = Objects.requireNonNull(username, "username");
        this.hashKind = Objects.requireNonNull(hashKind, "hashKind");
        this.passwordHash = Objects.requireNonNull(passwordHash, "passwordHash");
    }

    public String username() {
        return username;
    }

    public HashKind hashKind() {
        return hashKind;
    }

    /** The hash as written: lower-case hex for SHA-256, the {@code $2b$...} text for bcrypt. */
    public String passwordHash() {
        return passwordHash;
    }

    /** The hash as {@code MetricsEndpoint.Builder.basicAuth} takes it: {@code sha256:<hex>} or {@code $2b$...}. */
    public String endpointHash() {
        return hashKind.endpointForm(passwordHash);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof BasicAuthSettings)) {
            return false;
        }
        BasicAuthSettings b = (BasicAuthSettings) o;
        return username.equals(b.username) && hashKind == b.hashKind && passwordHash.equals(b.passwordHash);
    }

    @Override
    public int hashCode() {
        return Objects.hash(username, hashKind, passwordHash);
    }

    @Override
    public String toString() {
        return "basic auth for user " + username + " (" + hashKind.name().toLowerCase(java.util.Locale.ROOT)
                + " hash)";
    }
}
