package io.tcpshake.exporter;

import io.tcpshake.core.HostPort;
import io.tcpshake.core.InputText;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * One entry of the probe allow-list: a network in CIDR notation and, optionally, a port or port range.
 * {@code 10.0.0.0/8} (every port), {@code 10.1.2.3:5432} (one host, one port), {@code 192.168.0.0/16:8000-8099},
 * {@code fd00::/8}, {@code [fd00::]/8:443}, {@code [::1]:6379}. Only IP literals: a rule is matched against the
 * address a name resolved to, never against the name.
 */
final class NetworkRule {
    private final byte[] network;
    private final int prefixLength;
    private final int lowPort;
    private final int highPort;
    private final String text;

    private NetworkRule(byte[] network, int prefixLength, int lowPort, int highPort, String text) {
        this.network = network;
        this.prefixLength = prefixLength;
        this.lowPort = lowPort;
        this.highPort = highPort;
        this.text = text;
    }

    /** Parses a rule; throws {@link IllegalArgumentException} saying what is wrong and what a rule looks like. */
    static NetworkRule parse(String rule) {
        String address;
        String rest;
        if (rule.startsWith("[")) {
            int close = rule.indexOf(']');
            if (close < 0) {
                throw invalid(rule, "'[' without ']'");
            }
            address = rule.substring(1, close);
            rest = rule.substring(close + 1);
        } else if (rule.indexOf(':') != rule.lastIndexOf(':')) {
            // IPv6 without brackets: no port can follow.
            int slash = rule.indexOf('/');
            address = slash < 0 ? rule : rule.substring(0, slash);
            rest = slash < 0 ? "" : rule.substring(slash);
        } else {
            int end = firstOf(rule, '/', ':');
            address = rule.substring(0, end);
            rest = rule.substring(end);
        }
        InetAddress ip = literal(rule, address);
        int bits = ip.getAddress().length * 8;
        int prefix = bits;
        String ports = "";
        if (rest.startsWith("/")) {
            int colon = rest.indexOf(':');
            String length = colon < 0 ? rest.substring(1) : rest.substring(1, colon);
            if (!InputText.isAsciiDigits(length) || length.length() > 3 || Integer.parseInt(length) > bits) {
                throw invalid(rule, "the prefix length after '/' must be 0.." + bits);
            }
            prefix = Integer.parseInt(length);
            ports = colon < 0 ? "" : rest.substring(colon);
        } else {
            ports = rest;
        }
        int low = 1;
        int high = 65535;
        if (!ports.isEmpty()) {
            if (!ports.startsWith(":")) {
                throw invalid(rule, "unexpected '" + ports + "' after the address");
            }
            String range = ports.substring(1);
            int dash = range.indexOf('-');
            low = port(rule, dash < 0 ? range : range.substring(0, dash));
            high = dash < 0 ? low : port(rule, range.substring(dash + 1));
            if (high < low) {
                throw invalid(rule, "the port range " + range + " ends before it starts");
            }
        }
        return new NetworkRule(masked(ip.getAddress(), prefix), prefix, low, high, rule);
    }

    /** Whether {@code address} (resolved) is in this network and port range. */
    boolean allows(InetSocketAddress address) {
        int port = address.getPort();
        if (port < lowPort || port > highPort || address.getAddress() == null) {
            return false;
        }
        byte[] ip = address.getAddress().getAddress();
        return ip.length == network.length && java.util.Arrays.equals(masked(ip, prefixLength), network);
    }

    @Override
    public String toString() {
        return text;
    }

    private static InetAddress literal(String rule, String address) {
        try {
            String hostPort = address.indexOf(':') >= 0 ? "[" + address + "]:1" : address + ":1";
            InetSocketAddress parsed = HostPort.parse(hostPort);
            if (!parsed.isUnresolved()) {
                return parsed.getAddress();
            }
        } catch (IllegalArgumentException e) {
            // Reported below, with what a rule looks like.
        }
        throw invalid(rule, InputText.quote(address)
                + " is not an IP address (a rule names networks, never host names)");
    }

    private static int port(String rule, String text) {
        if (!InputText.isAsciiDigits(text) || text.length() > 5 || text.startsWith("0")
                || Integer.parseInt(text) > 65535) {
            throw invalid(rule, "port " + InputText.quote(text) + " is not 1..65535");
        }
        return Integer.parseInt(text);
    }

    private static byte[] masked(byte[] ip, int prefix) {
        byte[] out = ip.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] &= (byte) (0xff << (8 - keep));
        }
        return out;
    }

    private static int firstOf(String text, char a, char b) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == a || text.charAt(i) == b) {
                return i;
            }
        }
        return text.length();
    }

    private static IllegalArgumentException invalid(String rule, String why) {
        return new IllegalArgumentException("probe allow rule " + InputText.quote(rule) + ": " + why
                + "; expected a network and optional ports, e.g. 10.0.0.0/8, 10.1.2.3:5432, 192.168.0.0/16:8000-8099,"
                + " fd00::/8 or [fd00::]/8:443");
    }
}
