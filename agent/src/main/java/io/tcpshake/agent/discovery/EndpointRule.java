package io.tcpshake.agent.discovery;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Locale;

/**
 * One entry of {@code discovery.include} or {@code exclude}: an address block ({@code 10.0.0.0/8},
 * {@code fd00::/8}, or one address, {@code 127.0.0.1}, {@code ::1}), a port ({@code 5432}) or a port range
 * ({@code 8000-8999}). Only IP literals: a host name here would need a lookup.
 */
public final class EndpointRule {
    private final String text;
    private final byte[] network;
    private final int prefixLength;
    private final int firstPort;
    private final int lastPort;

    private EndpointRule(String text, byte[] network, int prefixLength, int firstPort, int lastPort) {
        this.text = text;
        this.network = network;
        this.prefixLength = prefixLength;
        this.firstPort = firstPort;
        this.lastPort = lastPort;
    }

    /**
     * Reads one entry.
     *
     * @throws IllegalArgumentException saying what is wrong and what is expected
     */
    public static EndpointRule parse(String text) {
        String entry = text.trim();
        if (entry.matches("[0-9]{1,5}(-[0-9]{1,5})?")) {
            int dash = entry.indexOf('-');
            int first = port(entry, dash < 0 ? entry : entry.substring(0, dash));
            int last = dash < 0 ? first : port(entry, entry.substring(dash + 1));
            if (last < first) {
                throw new IllegalArgumentException("port range '" + entry + "' ends before it starts: expected e.g. "
                        + "8000-8999");
            }
            return new EndpointRule(entry, null, 0, first, last);
        }
        int slash = entry.indexOf('/');
        String ip = slash < 0 ? entry : entry.substring(0, slash);
        if (!ip.matches("[0-9.]+") && !ip.matches("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
            throw new IllegalArgumentException("'" + entry + "' is not an address block (10.0.0.0/8, ::1), a port "
                    + "(5432) or a port range (8000-8999)");
        }
        byte[] address;
        try {
            address = InetAddress.getByName(ip).getAddress(); // an IP literal: no lookup
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("'" + entry + "' is not an IP address or block: " + e.getMessage());
        }
        int bits = address.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String length = entry.substring(slash + 1);
            if (!length.matches("[0-9]{1,3}") || Integer.parseInt(length) > bits) {
                throw new IllegalArgumentException("'" + entry + "' has a prefix length that is not 0.." + bits);
            }
            prefix = Integer.parseInt(length);
        }
        return new EndpointRule(entry, masked(address, prefix), prefix, 0, 0);
    }

    private static int port(String entry, String digits) {
        int port = Integer.parseInt(digits);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + digits + " in '" + entry + "' is out of range: expected 1..65535");
        }
        return port;
    }

    /** Whether this is an address block (else a port or port range). */
    public boolean isAddress() {
        return network != null;
    }

    /** Whether {@code endpoint} is in the block, or its port in the range. */
    public boolean matches(InetSocketAddress endpoint) {
        if (network == null) {
            return endpoint.getPort() >= firstPort && endpoint.getPort() <= lastPort;
        }
        byte[] address = endpoint.getAddress().getAddress();
        return address.length == network.length && java.util.Arrays.equals(masked(address, prefixLength), network);
    }

    private static byte[] masked(byte[] address, int prefix) {
        int bits = address.length * 8;
        BigInteger value = new BigInteger(1, address);
        BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                .xor(BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE));
        byte[] raw = value.and(mask).toByteArray();
        byte[] out = new byte[address.length];
        int copy = Math.min(raw.length, out.length);
        System.arraycopy(raw, raw.length - copy, out, out.length - copy, copy);
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EndpointRule && ((EndpointRule) o).text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.toLowerCase(Locale.ROOT).hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
