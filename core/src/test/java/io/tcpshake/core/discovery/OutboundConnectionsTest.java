package io.tcpshake.core.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tcpshake.core.internal.epoll.SockDiag;
import io.tcpshake.core.testing.LoopbackTargets;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The scan on the real /proc of the test JVM, with loopback connections it opens itself. */
class OutboundConnectionsTest {
    private static final int[] NONE = new int[0];
    private final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeAll
    static void linuxOnly() {
        Assumptions.assumeTrue(Files.isDirectory(Paths.get("/proc/self/fd")), "needs Linux /proc");
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
    }

    @ParameterizedTest
    @EnumSource(OutboundConnections.Table.class)
    void clientConnectionIsOutboundAndTheAcceptedSideIsInbound(OutboundConnections.Table table) throws IOException {
        ServerSocket server = listen(LoopbackTargets.V4);
        Socket client = connect(server);
        Socket accepted = server.accept();
        opened.add(accepted);

        OutboundConnections.Scan scan = connections(table).scan(NONE, () -> NONE);

        InetSocketAddress listener = new InetSocketAddress(LoopbackTargets.V4, server.getLocalPort());
        InetSocketAddress clientEnd = new InetSocketAddress(LoopbackTargets.V4, client.getLocalPort());
        assertTrue(scan.remotes().contains(listener), "the listener is a dependency: " + scan.remotes());
        assertFalse(scan.remotes().contains(clientEnd), "the client of our own port is not: " + scan.remotes());
        assertTrue(scan.inbound() >= 1, "the accepted connection is counted as inbound");
    }

    /** Each table with each loopback family. */
    static Stream<Arguments> tablesAndFamilies() {
        return Stream.of(OutboundConnections.Table.values())
                .flatMap(table -> Stream.of(Arguments.of(table, LoopbackTargets.V4), Arguments.of(table, LoopbackTargets.V6)));
    }

    @ParameterizedTest
    @MethodSource("tablesAndFamilies")
    void connectionIsFoundOnBothFamiliesBeforeTheListenerAcceptsIt(OutboundConnections.Table table, InetAddress ip)
            throws IOException {
        // The kernel completes the handshake before accept(): the application is connected either way.
        ServerSocket server = listen(ip);
        connect(server);

        OutboundConnections.Scan scan = connections(table).scan(NONE, () -> NONE);

        assertTrue(scan.remotes().contains(new InetSocketAddress(ip, server.getLocalPort())), scan.remotes().toString());
    }

    @ParameterizedTest
    @EnumSource(OutboundConnections.Table.class)
    void socketsOfTheGivenDescriptorsNeverCount(OutboundConnections.Table table) throws IOException {
        ServerSocket server = listen(LoopbackTargets.V4);
        connect(server);
        int[] everyFd = everyDescriptor();

        OutboundConnections.Scan before = connections(table).scan(everyFd, () -> NONE);
        OutboundConnections.Scan after = connections(table).scan(NONE, () -> everyFd);

        assertEquals(List.of(), List.copyOf(before.remotes()));
        assertEquals(List.of(), List.copyOf(after.remotes()));
    }

    @ParameterizedTest
    @EnumSource(OutboundConnections.Table.class)
    void closedConnectionIsGone(OutboundConnections.Table table) throws IOException {
        ServerSocket server = listen(LoopbackTargets.V4);
        Socket client = connect(server);
        InetSocketAddress listener = new InetSocketAddress(LoopbackTargets.V4, server.getLocalPort());
        client.close();

        OutboundConnections.Scan scan = connections(table).scan(NONE, () -> NONE);

        assertFalse(scan.remotes().contains(listener), scan.remotes().toString());
    }

    @Test
    void withoutProcTheScanFailsWithTheReason(@TempDir Path dir) {
        NoSuchFileException e = assertThrows(NoSuchFileException.class,
                () -> OutboundConnections.of(dir.resolve("self")).scan(NONE, () -> NONE));

        assertTrue(e.getMessage().endsWith("self/fd"), e.getMessage());
    }

    @Test
    void sockDiagIsTheTableWhereJnaLoads() {
        Assumptions.assumeTrue(SockDiag.unavailabilityCause() == null, "JNA does not load here");

        assertEquals(OutboundConnections.Table.SOCK_DIAG, OutboundConnections.ofThisProcess().table());
    }

    @Test
    void bothTablesFindTheSameConnections() throws IOException {
        Assumptions.assumeTrue(SockDiag.unavailabilityCause() == null, "JNA does not load here");
        ServerSocket server = listen(LoopbackTargets.V4);
        connect(server);
        connect(listen(LoopbackTargets.V6));

        OutboundConnections.Scan netlink = connections(OutboundConnections.Table.SOCK_DIAG).scan(NONE, () -> NONE);
        OutboundConnections.Scan text = connections(OutboundConnections.Table.PROC_TEXT).scan(NONE, () -> NONE);

        assertEquals(text.remotes(), netlink.remotes());
        assertEquals(text.inbound(), netlink.inbound());
    }

    /** The table asked for; sock_diag only where JNA loads (the test is skipped elsewhere). */
    private static OutboundConnections connections(OutboundConnections.Table table) {
        Assumptions.assumeTrue(table == OutboundConnections.Table.PROC_TEXT || SockDiag.unavailabilityCause() == null,
                "JNA does not load here");
        return OutboundConnections.ofThisProcess(table);
    }

    private ServerSocket listen(InetAddress ip) throws IOException {
        ServerSocket server = new ServerSocket(0, 50, ip);
        opened.add(server);
        return server;
    }

    private Socket connect(ServerSocket server) throws IOException {
        Socket client = new Socket(server.getInetAddress(), server.getLocalPort());
        opened.add(client);
        return client;
    }

    private static int[] everyDescriptor() throws IOException {
        try (Stream<Path> fds = Files.list(Paths.get("/proc/self/fd"))) {
            return fds.mapToInt(p -> Integer.parseInt(p.getFileName().toString())).toArray();
        }
    }
}
