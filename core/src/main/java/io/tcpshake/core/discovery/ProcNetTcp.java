package io.tcpshake.core.discovery;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.LongPredicate;

/**
 * Reads the kernel's text table of TCP sockets, {@code /proc/self/net/tcp} or {@code tcp6}: one row per
 * socket of the network namespace, the process's own among them. The table can be tens of thousands of rows
 * on a host, so a row is looked at only as far as needed: its state first (only ESTABLISHED and LISTEN
 * go on), then its inode (only the process's own go on), and only then are its addresses decoded.
 *
 * <p>A row: {@code sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode ...}, with
 * addresses as hex words in host byte order and ports as hex ({@code 0100007F:1F90} is 127.0.0.1:8080).
 */
final class ProcNetTcp {
    private static final int BUFFER = 64 * 1024;
    private static final int STATE_FIELD = 3;
    private static final int INODE_FIELD = 9;
    private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    private ProcNetTcp() {
    }

    /**
     * Passes to {@code sink} every ESTABLISHED or LISTEN row of {@code table} whose inode {@code ownInode}
     * accepts; returns the number of rows read.
     *
     * @throws IOException when the table cannot be read
     */
    static int read(Path table, LongPredicate ownInode, TcpSocketSink sink) throws IOException {
        byte[] buffer = new byte[BUFFER];
        int rows = 0;
        int length = 0;
        boolean header = true;
        int[] starts = new int[INODE_FIELD + 1];
        int[] ends = new int[INODE_FIELD + 1];
        try (InputStream in = Files.newInputStream(table)) {
            for (int n; (n = in.read(buffer, length, buffer.length - length)) > 0; ) {
                length += n;
                int start = 0;
                for (int i = 0; i < length; i++) {
                    if (buffer[i] == '\n') {
                        if (header) {
                            header = false;
                        } else {
                            rows++;
                            row(buffer, start, i, starts, ends, ownInode, sink);
                        }
                        start = i + 1;
                    }
                }
                System.arraycopy(buffer, start, buffer, 0, length - start);
                length -= start;
                if (length == buffer.length) {
                    buffer = Arrays.copyOf(buffer, buffer.length * 2); // a row longer than the buffer
                }
            }
        }
        return rows;
    }

    private static void row(byte[] line, int from, int to, int[] starts, int[] ends, LongPredicate ownInode,
            TcpSocketSink sink) {
        int field = 0;
        int i = from;
        while (field <= INODE_FIELD) {
            while (i < to && line[i] == ' ') {
                i++;
            }
            if (i >= to) {
                return; // a short row: not one of the kernel's
            }
            starts[field] = i;
            while (i < to && line[i] != ' ') {
                i++;
            }
            ends[field] = i;
            field++;
        }
        int state = (int) hex(line, starts[STATE_FIELD], ends[STATE_FIELD]);
        if (state != TcpSocketSink.ESTABLISHED && state != TcpSocketSink.LISTEN) {
            return;
        }
        long inode = decimal(line, starts[INODE_FIELD], ends[INODE_FIELD]);
        if (inode <= 0 || !ownInode.test(inode)) {
            return;
        }
        sink.socket(state, address(line, starts[1], ends[1]), address(line, starts[2], ends[2]), inode);
    }

    /** {@code 0100007F:1F90}, or 32 hex digits of an IPv6 address, then the port. */
    static InetSocketAddress address(byte[] text, int from, int to) {
        int colon = from;
        while (colon < to && text[colon] != ':') {
            colon++;
        }
        int digits = colon - from;
        if (digits != 8 && digits != 32) {
            throw new IllegalArgumentException("not an address of the socket table: "
                    + new String(text, from, to - from, StandardCharsets.US_ASCII));
        }
        byte[] address = new byte[digits / 2];
        for (int word = 0; word < digits / 8; word++) {
            long value = hex(text, from + word * 8, from + word * 8 + 8);
            for (int b = 0; b < 4; b++) {
                int shift = LITTLE_ENDIAN ? 8 * b : 8 * (3 - b);
                address[word * 4 + b] = (byte) (value >>> shift);
            }
        }
        int port = (int) hex(text, colon + 1, to);
        try {
            // An IPv4-mapped IPv6 address (a dual-stack Java socket) comes back as the IPv4 address.
            return new InetSocketAddress(InetAddress.getByAddress(address), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e.getMessage(), e); // 4 or 16 bytes: cannot happen
        }
    }

    private static long hex(byte[] text, int from, int to) {
        long value = 0;
        for (int i = from; i < to; i++) {
            int c = text[i];
            int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10
                    : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
            if (digit < 0) {
                throw new IllegalArgumentException("not hex: " + (char) c);
            }
            value = value << 4 | digit;
        }
        return value;
    }

    private static long decimal(byte[] text, int from, int to) {
        long value = 0;
        for (int i = from; i < to; i++) {
            int digit = text[i] - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }
}
