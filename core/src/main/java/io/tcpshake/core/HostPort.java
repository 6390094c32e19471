package io.tcpshake.core;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Parses and formats {@code host:port} strings: {@code db.internal:5432}, {@code 127.0.0.1:80},
 * {@code [::1]:6379}. IP literals become resolved addresses without any lookup; host names stay
 * unresolved, so no DNS query happens until a check resolves them. The one grammar of an address: a
 * target's {@link Endpoint} is parsed here too, and every {@code [host]:port} text is written by
 * {@link #format(String, int)}.
 */
public final class HostPort {
    private HostPort() {
    }

    /**
     * Parses {@code hostPort}.
     *
     * @throws IllegalArgumentException naming the value when it is null, has no port, has a port outside
     *     1..65535, or an IPv6 literal without brackets
     */
    public static InetSocketAddress parse(String hostPort) {
        return endpoint(hostPort).socketAddress();
    }

    /** Parses {@code hostPort} into an {@link Endpoint} that keeps the host as written. */
    static Endpoint endpoint(String hostPort) {
        if (hostPort == null) {
            throw new IllegalArgumentException("address is null: expected host:port, e.g. 127.0.0.1:5432 or [::1]:6379");
        }
        String text = hostPort.trim();
        String host;
        String portText;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0 || close + 1 >= text.length() || text.charAt(close + 1) != ':') {
                throw invalid(hostPort, "an IPv6 address is written [addr]:port, e.g. [::1]:6379");
            }
            host = text.substring(1, close);
            portText = text.substring(close + 2);
            if (!isIpLiteral(host) || !host.contains(":")) {
                throw invalid(hostPort, "'" + host + "' in brackets is not an IPv6 address");
            }
        } else {
            int colon = text.lastIndexOf(':');
            if (colon < 0) {
                throw invalid(hostPort, "no port: expected host:port, e.g. 127.0.0.1:5432");
            }
            host = text.substring(0, colon);
            portText = text.substring(colon + 1);
            if (host.indexOf(':') >= 0) {
                throw invalid(hostPort, "an IPv6 address needs brackets: [" + host + "]:" + portText);
            }
        }
        if (host.isEmpty()) {
            throw invalid(hostPort, "no host before the port");
        }
        return endpoint(host, parsePort(hostPort, portText));
    }

    /** The endpoint at a host given apart from its port (no brackets) and a port already checked. */
    static Endpoint endpoint(String host, int port) {
        if (host.indexOf(':') >= 0 && !isIpLiteral(host)) {
            throw invalid(format(host, port), "'" + host + "' in brackets is not an IPv6 address");
        }
        return new Endpoint(host, port, isIpLiteral(host) ? literal(host) : null);
    }

    /** {@code 127.0.0.1:80}, {@code [::1]:80}, or {@code name:80} for an unresolved address. */
    public static String format(InetSocketAddress address) {
        return format(host(address), address.getPort());
    }

    /**
     * {@code host:port}, an IPv6 host (one with a colon) in brackets: {@code 127.0.0.1:80}, {@code [::1]:80},
     * {@code [::]:9464}. The port is not checked, so a listening address with port 0 is written the same way.
     */
    public static String format(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /**
     * The host part without brackets: the name of an unresolved address, else the IP in its usual text
     * ({@code 127.0.0.1}, {@code ::1}).
     */
    private static String host(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        if (ip == null) {
            return address.getHostString();
        }
        return ip instanceof Inet6Address ? compressedIpv6(ip.getAddress()) : ip.getHostAddress();
    }

    /**
     * The RFC 5952 text of an IPv6 address ({@code ::1}, {@code fe80::1}): the JDK's
     * {@code getHostAddress()} writes every group ({@code 0:0:0:0:0:0:0:1}), which reads badly in results
     * and metric labels and does not match what users type.
     */
    static String compressedIpv6(byte[] bytes) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        // The longest run of two or more zero groups (the first one on a tie) becomes "::".
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int end = i;
            while (end < 8 && groups[end] == 0) {
                end++;
            }
            if (end - i > bestLength) {
                bestStart = i;
                bestLength = end - i;
            }
            i = end;
        }
        StringBuilder text = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    /** Checks that {@code port} is a TCP port a check can target (1..65535). */
    public static int requirePort(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is out of range: expected 1..65535");
        }
        return port;
    }

    private static int parsePort(String hostPort, String portText) {
        if (portText.isEmpty() || portText.length() > 5 || !portText.chars().allMatch(Character::isDigit)) {
            throw invalid(hostPort, "port '" + portText + "' is not a number in 1..65535");
        }
        int port = Integer.parseInt(portText);
        if (port < 1 || port > 65535) {
            throw invalid(hostPort, "port " + port + " is out of range 1..65535");
        }
        return port;
    }

    /** Whether {@code host} is an IPv4 dotted quad or an IPv6 literal (no lookup needed). */
    static boolean isIpLiteral(String host) {
        if (host.indexOf(':') >= 0) {
            return host.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.' || c == '%');
        }
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)
                    || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    private static InetAddress literal(String host) {
        try {
            // A literal never triggers a lookup: InetAddress parses it.
            return InetAddress.getByName(host);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("'" + host + "' is not a valid IP address", e);
        }
    }

    private static IllegalArgumentException invalid(String hostPort, String why) {
        return new IllegalArgumentException("invalid address '" + hostPort + "': " + why);
    }
}
