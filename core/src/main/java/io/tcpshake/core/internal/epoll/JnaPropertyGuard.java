package io.tcpshake.core.internal.epoll;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Puts back the system properties JNA sets while it loads ({@code jna.loaded}, {@code jnidispatch.path},
 * {@code jna.platform.library.path}). tcpshake runs inside other applications and must not change their
 * global state; JNA reads these only during its own initialisation, which is over when they are restored,
 * and an application's own JNA (in its own class loader) sets them again for itself.
 */
final class JnaPropertyGuard {
    private final Map<String, String> before = new HashMap<>();

    private JnaPropertyGuard() {
        Properties properties = System.getProperties();
        for (String name : properties.stringPropertyNames()) {
            if (isJnas(name)) {
                before.put(name, properties.getProperty(name));
            }
        }
    }

    /** Remembers JNA's properties as they are now. */
    static JnaPropertyGuard snapshot() {
        return new JnaPropertyGuard();
    }

    /** Removes the JNA properties set since the snapshot and puts changed ones back. */
    void restore() {
        for (String name : System.getProperties().stringPropertyNames()) {
            if (!isJnas(name)) {
                continue;
            }
            String old = before.get(name);
            if (old == null) {
                System.clearProperty(name);
            } else if (!old.equals(System.getProperty(name))) {
                System.setProperty(name, old);
            }
        }
    }

    private static boolean isJnas(String name) {
        return name.startsWith("jna.") || name.startsWith("jnidispatch.");
    }
}
