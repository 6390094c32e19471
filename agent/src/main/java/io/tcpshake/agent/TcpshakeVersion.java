package io.tcpshake.agent;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of tcpshake this jar was built as (from a resource the build fills in). */
public final class TcpshakeVersion {
    private TcpshakeVersion() {
    }

    /** E.g. {@code 0.1.0}; {@code unknown} when the resource is missing (classes run outside the jar). */
    public static String get() {
        try (InputStream in = TcpshakeVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
