package io.tcpshake.core.internal.raw;

import java.nio.ByteBuffer;

/** {@code sockaddr_in} and {@code sockaddr_in6} in native memory. */
final class SocketAddresses {
    private SocketAddresses() {
    }

    /** Writes the address of {@code ip} (4 or 16 bytes) and {@code port} at {@code offset}; returns its length. */
    static int write(ByteBuffer bytes, int offset, byte[] ip, int port) {
        for (int i = 0; i < MessageBatch.NAME_CAPACITY; i++) {
            bytes.put(offset + i, (byte) 0);
        }
        boolean ipv6 = ip.length == 16;
        bytes.putShort(offset, (short) (ipv6 ? RawSyscalls.AF_INET6 : RawSyscalls.AF_INET)); // native order
        bytes.put(offset + 2, (byte) (port >>> 8));
        bytes.put(offset + 3, (byte) port);
        int at = offset + (ipv6 ? 8 : 4);
        for (int i = 0; i < ip.length; i++) {
            bytes.put(at + i, ip[i]);
        }
        return ipv6 ? 28 : 16;
    }

    /** The address bytes of the sockaddr at {@code offset}. */
    static byte[] addressOf(ByteBuffer bytes, int offset, boolean ipv6) {
        byte[] ip = new byte[ipv6 ? 16 : 4];
        int at = offset + (ipv6 ? 8 : 4);
        for (int i = 0; i < ip.length; i++) {
            ip[i] = bytes.get(at + i);
        }
        return ip;
    }

    /** The wildcard address of a family, for binding. */
    static byte[] any(boolean ipv6) {
        return new byte[ipv6 ? 16 : 4];
    }
}
