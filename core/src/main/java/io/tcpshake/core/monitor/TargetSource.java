package io.tcpshake.core.monitor;

import java.util.Locale;

/**
 * Where a target came from, which every per-target output carries ({@code source} label, MBean attribute,
 * JFR field): written down by someone, or found by discovery among the connections of the JVM itself.
 */
public enum TargetSource {
    /** Written down: a targets file, or the application's own call to the library. */
    FILE,
    /** Found by discovery: an endpoint this JVM was seen connected to. */
    DISCOVERED;

    /** The value outputs show: {@code file} or {@code discovered}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
