package io.tcpshake.core.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rows as the kernel writes them (x86-64 and aarch64: host byte order is little-endian). */
class ProcNetTcpTest {
    private static final String HEADER = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt"
            + "   uid  timeout inode\n";

    @Test
    void decodesEstablishedAndListenRowsOfOwnInodesOnly(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN);
        Path table = dir.resolve("tcp");
        Files.write(table, (HEADER
                + "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 111 1 0 100 0 0 10 0\n"
                + "   1: 0100007F:A2C4 0100007F:1538 01 00000000:00000000 00:00000000 00000000  1000        0 222 1 0 20 4 30 10 -1\n"
                + "   2: 0100007F:A2C6 0100007F:1539 01 00000000:00000000 00:00000000 00000000  1000        0 333 1 0 20 4 30 10 -1\n"
                + "   3: 0100007F:A2C8 0100007F:153A 06 00000000:00000000 03:00000F5A 00000000     0        0 0 3 0\n")
                .getBytes(StandardCharsets.US_ASCII));
        List<String> rows = new ArrayList<>();

        int read = ProcNetTcp.read(table, inode -> inode != 333, (state, local, remote, inode) ->
                rows.add(state + " " + local + " " + remote + " " + inode));

        assertEquals(4, read);
        assertEquals(List.of("10 /127.0.0.1:8080 /0.0.0.0:0 111", "1 /127.0.0.1:41668 /127.0.0.1:5432 222"), rows);
    }

    @Test
    void decodesIpv6AndMappedIpv4Addresses() throws Exception {
        Assumptions.assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN);
        assertEquals(new InetSocketAddress(InetAddress.getByName("::1"), 6379),
                address("00000000000000000000000001000000:18EB"));
        assertEquals(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 5432),
                address("0000000000000000FFFF00000100007F:1538"));
        assertEquals(new InetSocketAddress(InetAddress.getByName("fe80::1"), 443),
                address("000080FE000000000000000001000000:01BB"));
    }

    private static InetSocketAddress address(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        return ProcNetTcp.address(bytes, 0, bytes.length);
    }
}
