package io.tcpshake.core;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Parses and formats {@code host:port} strings: {@code db.internal:5432}, {@code 127.0.0.1:80},
 * {@code [::1]:6379}, {@code [fe80::1%eth0]:22}. IP literals become resolved addresses without any lookup;
 * host names stay unresolved, so no DNS query happens until a check resolves them. The one grammar of an
 * address: a target's {@link Endpoint} is parsed here too, and every {@code [host]:port} text is written by
 * {@link #format(String, int)}.
 *
 * <p>An address is printable ASCII with no spaces, at most {@value #MAX_LENGTH} characters: a host name of
 * at most 253 characters in labels of at most 63, or an IP literal; then a port of ASCII digits in
 * 1..65535 without sign or leading zero. Anything else is refused with a message naming the rule and the
 * character, never trimmed or read as the number it looks like.
 */
public final class HostPort {
    /** The longest address: a host name of 253 characters and a final dot, ':' and a five-digit port. */
    public static final int MAX_LENGTH = HostSyntax.MAX_NAME + 1 + 6;

    private HostPort() {
    }

    /**
     * Parses {@code hostPort}.
     *
     * @throws IllegalArgumentException naming the value and the rule it breaks: null, too long, not ASCII or
     *     with a space, no port, a port outside 1..65535, a host name or label too long, an IPv6 literal
     *     without brackets
     */
    public static InetSocketAddress parse(String hostPort) {
        return endpoint(hostPort).socketAddress();
    }

    /** Parses {@code hostPort} into an {@link Endpoint} that keeps the host as written. */
    static Endpoint endpoint(String hostPort) {
        if (hostPort == null) {
            throw new IllegalArgumentException("address is null: expected host:port, e.g. 127.0.0.1:5432 or [::1]:6379");
        }
        if (hostPort.length() > MAX_LENGTH) {
            throw invalid(hostPort, "it is longer than " + MAX_LENGTH + " characters (a host name of at most "
                    + HostSyntax.MAX_NAME + ", ':' and a port)");
        }
        String notAscii = HostSyntax.asciiProblem(hostPort);
        if (notAscii != null) {
            throw invalid(hostPort, notAscii);
        }
        String host;
        String portText;
        boolean bracketed = hostPort.startsWith("[");
        if (bracketed) {
            int close = hostPort.indexOf(']');
            if (close < 0 || close + 1 >= hostPort.length() || hostPort.charAt(close + 1) != ':') {
                throw invalid(hostPort, "an IPv6 address is written [addr]:port, e.g. [::1]:6379");
            }
            host = hostPort.substring(1, close);
            portText = hostPort.substring(close + 2);
        } else {
            int colon = hostPort.lastIndexOf(':');
            if (colon < 0) {
                throw invalid(hostPort, "no port: expected host:port, e.g. 127.0.0.1:5432");
            }
            host = hostPort.substring(0, colon);
            portText = hostPort.substring(colon + 1);
            if (host.indexOf(':') >= 0) {
                throw invalid(hostPort, "an IPv6 address needs brackets: [" + host + "]:" + portText);
            }
        }
        if (host.isEmpty()) {
            throw invalid(hostPort, "no host before the port");
        }
        String problem = HostSyntax.hostProblem(host, bracketed);
        if (problem != null) {
            throw invalid(hostPort, problem);
        }
        int port = parsePort(hostPort, portText);
        return new Endpoint(host, port, isLiteral(host) ? literal(hostPort, host) : null);
    }

    /** The endpoint at a host given apart from its port ({@link #requireHost}'s rules) and a port. */
    static Endpoint endpoint(String host, int port) {
        String bare = requireHost(host);
        requirePort(port);
        return new Endpoint(bare, port, isLiteral(bare) ? literal(format(bare, port), bare) : null);
    }

    /**
     * Checks a host given without a port ({@code db.internal}, {@code 127.0.0.1}, {@code ::1} or
     * {@code [::1]}) by the rules of {@link #parse} and returns it without brackets.
     *
     * @throws IllegalArgumentException naming the value and the rule it breaks
     */
    public static String requireHost(String host) {
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("host is empty: expected a host name or IP address, e.g. "
                    + "db.internal, 127.0.0.1 or ::1");
        }
        if (host.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("invalid host " + InputText.quote(host) + ": it is longer than "
                    + HostSyntax.MAX_NAME + " characters");
        }
        String notAscii = HostSyntax.asciiProblem(host);
        boolean bracketed = host.length() > 1 && host.startsWith("[") && host.endsWith("]");
        String bare = bracketed ? host.substring(1, host.length() - 1) : host;
        String problem = notAscii != null ? notAscii : HostSyntax.hostProblem(bare, bare.indexOf(':') >= 0);
        if (problem != null) {
            throw new IllegalArgumentException("invalid host " + InputText.quote(host) + ": " + problem);
        }
        return bare;
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
     * ({@code 127.0.0.1}, {@code ::1}, {@code fe80::1%eth0}).
     */
    private static String host(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        if (ip == null) {
            return address.getHostString();
        }
        return ip instanceof Inet6Address ? compressedIpv6(ip.getAddress()) + zone((Inet6Address) ip)
                : ip.getHostAddress();
    }

    /** {@code %eth0} or {@code %2} for a link-local address given with a zone, else nothing. */
    private static String zone(Inet6Address ip) {
        if (ip.getScopedInterface() != null) {
            return "%" + ip.getScopedInterface().getName();
        }
        return ip.getScopeId() != 0 ? "%" + ip.getScopeId() : "";
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
        if (!InputText.isAsciiDigits(portText)) {
            throw invalid(hostPort, "port '" + portText + "' is not a number in 1..65535: write digits only, "
                    + "e.g. 5432");
        }
        if (portText.length() > 1 && portText.charAt(0) == '0') {
            throw invalid(hostPort, "port '" + portText + "' has a leading zero, which some tools read as octal: "
                    + "write it without, e.g. 80");
        }
        int port = portText.length() > 5 ? Integer.MAX_VALUE : Integer.parseInt(portText);
        if (port < 1 || port > 65535) {
            throw invalid(hostPort, "port " + portText + " is out of range 1..65535");
        }
        return port;
    }

    /**
     * Whether a host that passed the rules is an IP literal: IPv6 (it has a colon, so it was in brackets) or a
     * dotted quad whose groups are all at most 255 (256.1.1.1 is left to name resolution).
     */
    private static boolean isLiteral(String host) {
        return host.indexOf(':') >= 0 || HostSyntax.isDottedQuad(host) && isIpv4(host);
    }

    /** A dotted quad whose groups are all at most 255. */
    private static boolean isIpv4(String dottedQuad) {
        for (String part : dottedQuad.split("\\.")) {
            if (Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    private static InetAddress literal(String hostPort, String host) {
        try {
            return LiteralAddresses.of(host);
        } catch (java.net.UnknownHostException e) {
            throw invalid(hostPort, "'" + host + "' is not an IP address this machine can use: " + e.getMessage());
        }
    }

    private static IllegalArgumentException invalid(String hostPort, String why) {
        return new IllegalArgumentException("invalid address " + InputText.quote(hostPort) + ": " + why);
    }
}
