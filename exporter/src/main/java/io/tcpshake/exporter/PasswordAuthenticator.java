package io.tcpshake.exporter;

import com.sun.net.httpserver.BasicAuthenticator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** HTTP basic auth against one user name and a {@link PasswordHash}; answers 401 otherwise. */
final class PasswordAuthenticator extends BasicAuthenticator {
    private final byte[] user;
    private final PasswordHash passwordHash;

    PasswordAuthenticator(String user, PasswordHash passwordHash) {
        super("tcpshake");
        this.user = user.getBytes(StandardCharsets.UTF_8);
        this.passwordHash = passwordHash;
    }

    @Override
    public boolean checkCredentials(String username, String password) {
        // Check both, always, so the time taken does not tell whether the user name was right.
        boolean userMatches = MessageDigest.isEqual(user, username.getBytes(StandardCharsets.UTF_8));
        boolean passwordMatches = passwordHash.matches(password);
        return userMatches & passwordMatches;
    }
}
