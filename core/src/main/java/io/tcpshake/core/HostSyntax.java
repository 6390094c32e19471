package io.tcpshake.core;

import java.net.IDN;

/**
 * The rules a host must follow before anything resolves or connects to it. Each method returns why the text
 * breaks a rule, or null when it follows them; the callers add which value it was.
 *
 * <p>A host is printable ASCII without spaces: an address with a leading space or a port in Arabic-Indic
 * digits is refused, not trimmed or read as the number it looks like, because such input comes from a
 * broken quote or variable and checking something other than what the user meant hides that. A host name
 * is at most 253 characters, in labels of 1..63 letters, digits, '-' and '_' (RFC 1035, with the '_' that
 * container names use); an IPv6 literal at most 45 characters, and its zone an interface name of at most
 * 15 characters (Linux's IFNAMSIZ) or an index.
 */
final class HostSyntax {
    static final int MAX_NAME = 253;
    static final int MAX_LABEL = 63;
    /** {@code ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255}. */
    static final int MAX_IPV6 = 45;
    static final int MAX_ZONE = 15;

    private HostSyntax() {
    }

    /** Why {@code text} is not printable ASCII without spaces, naming the first character that is not. */
    static String asciiProblem(String text) {
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (c <= ' ' || c >= 0x7f) {
                return "character " + (i + 1) + " is " + describe(c) + ": " + advice(c, text);
            }
            i += Character.charCount(c);
        }
        return null;
    }

    /** Why {@code host} (no brackets, ASCII) is not a host name, IPv4 or, when {@code ipv6}, IPv6 literal. */
    static String hostProblem(String host, boolean ipv6) {
        if (ipv6) {
            return ipv6Problem(host);
        }
        if (isDottedQuad(host)) {
            return ipv4Problem(host);
        }
        return nameProblem(host);
    }

    /** Four dot-separated groups of ASCII digits: an IPv4 address, or a mistake in one; never a name. */
    static boolean isDottedQuad(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.length() > 3 || !InputText.isAsciiDigits(part)) {
                return false;
            }
        }
        return true;
    }

    private static String ipv4Problem(String host) {
        for (String part : host.split("\\.")) {
            if (part.length() > 1 && part.charAt(0) == '0') {
                return "'" + part + "' in " + host + " has a leading zero, which some tools read as octal: write "
                        + Integer.parseInt(part) + " (e.g. 10.0.0.1, not 010.0.0.1)";
            }
        }
        return null;
    }

    private static String ipv6Problem(String host) {
        int percent = host.indexOf('%');
        String ip = percent < 0 ? host : host.substring(0, percent);
        if (ip.isEmpty() || ip.length() > MAX_IPV6 || ip.indexOf(':') < 0
                || !ip.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
            return InputText.quote(ip) + " in brackets is not an IPv6 address (e.g. [::1] or [fe80::1%eth0])";
        }
        if (percent < 0) {
            return null;
        }
        String zone = host.substring(percent + 1);
        if (zone.isEmpty() || zone.length() > MAX_ZONE || !zone.chars().allMatch(c -> isNameChar(c) || c == '.')) {
            return "zone " + InputText.quote(zone) + " after '%' is not an interface: expected a name of at most "
                    + MAX_ZONE + " characters or an index, e.g. [fe80::1%eth0] or [fe80::1%2]";
        }
        return null;
    }

    private static String nameProblem(String host) {
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (name.length() > MAX_NAME) {
            return "the host name is " + name.length() + " characters long: at most " + MAX_NAME;
        }
        int start = 0;
        while (start <= name.length()) {
            int dot = name.indexOf('.', start);
            int end = dot < 0 ? name.length() : dot;
            String label = name.substring(start, end);
            if (label.isEmpty()) {
                return "the host name has an empty label (a dot at the start or two dots in a row)";
            }
            if (label.length() > MAX_LABEL) {
                return "label " + InputText.quote(label) + " is " + label.length() + " characters long: at most "
                        + MAX_LABEL + " between dots";
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                if (!isNameChar(c)) {
                    return "character " + (start + i + 1) + " is '" + c + "': a host name is letters, digits, '-' "
                            + "and '_' between dots";
                }
            }
            if (label.startsWith("-") || label.endsWith("-")) {
                return "label " + InputText.quote(label) + " starts or ends with '-'";
            }
            start = end + 1;
        }
        return null;
    }

    private static boolean isNameChar(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || InputText.isAsciiDigit(c) || c == '-' || c == '_';
    }

    private static String describe(int c) {
        if (c == ' ') {
            return "a space";
        }
        if (c == '\t') {
            return "a tab";
        }
        if (c == '\n' || c == '\r') {
            return "a line break";
        }
        String name = Character.getName(c);
        return String.format("U+%04X", c) + (name == null ? "" : " " + name);
    }

    private static String advice(int c, String text) {
        if (Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)) {
            return "an address has no spaces or control characters; remove it (look for a stray quote or a "
                    + "variable that adds one)";
        }
        if (Character.isDigit(c)) {
            return "write the digits in ASCII, 0-9";
        }
        String suggestion = asciiForm(text);
        return "an address is ASCII; write an international name in its xn-- form"
                + (suggestion == null ? "" : " (" + InputText.quote(suggestion) + ")");
    }

    /** The IDNA (xn--) form of a host:port with a Unicode name, when it has one. */
    private static String asciiForm(String text) {
        int colon = text.lastIndexOf(':');
        String host = colon < 0 ? text : text.substring(0, colon);
        try {
            String ascii = IDN.toASCII(host, IDN.USE_STD3_ASCII_RULES);
            if (!ascii.chars().allMatch(c -> c > ' ' && c < 0x7f)) {
                return null;
            }
            return ascii + (colon < 0 ? "" : text.substring(colon));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
