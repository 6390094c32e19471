package io.tcpshake.jmx;

import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/** The ObjectNames tcpshake registers: {@code io.tcpshake:type=Monitor} and one per target. */
public final class TcpshakeObjectNames {
    public static final String DOMAIN = "io.tcpshake";

    /** {@code io.tcpshake:type=Monitor}. */
    public static final ObjectName MONITOR = name(DOMAIN + ":type=Monitor");

    /** {@code io.tcpshake:type=Target,*}: every target MBean, for queries. */
    public static final ObjectName ALL_TARGETS = name(DOMAIN + ":type=Target,*");

    private TcpshakeObjectNames() {
    }

    /**
     * {@code io.tcpshake:type=Target,name="<targetName>"}; the name is always quoted, so {@code host:port},
     * IPv6 literals, commas and quotes in names are safe.
     */
    public static ObjectName target(String targetName) {
        return name(DOMAIN + ":type=Target,name=" + ObjectName.quote(targetName));
    }

    private static ObjectName name(String text) {
        try {
            return new ObjectName(text);
        } catch (MalformedObjectNameException e) {
            // Cannot happen for the constant part, and the target name is quoted.
            throw new IllegalArgumentException("invalid ObjectName " + text + ": " + e.getMessage(), e);
        }
    }
}
