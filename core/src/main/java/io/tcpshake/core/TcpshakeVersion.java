package io.tcpshake.core;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The tcpshake build: its version and the git commit it was built from, as the build wrote them into
 * {@code version.properties}. Each is {@code unknown} where the build could not tell (a build outside a git
 * checkout, classes compiled without Maven's resource filtering).
 */
public final class TcpshakeVersion {
    private static final String UNKNOWN = "unknown";
    private static final Properties BUILD = read();

    private TcpshakeVersion() {
    }

    /** The project version, e.g. {@code 0.1.0}, or {@code unknown}. */
    public static String version() {
        return value("version");
    }

    /** The commit built, as 12 hex digits, or {@code unknown}. */
    public static String commit() {
        return value("commit");
    }

    private static String value(String key) {
        String value = BUILD.getProperty(key, "");
        return value.isEmpty() || value.startsWith("$") ? UNKNOWN : value;
    }

    private static Properties read() {
        Properties properties = new Properties();
        try (InputStream in = TcpshakeVersion.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException | IllegalArgumentException e) {
            // an unreadable file is an unknown version, never a failure of whoever asks
        }
        return properties;
    }
}
