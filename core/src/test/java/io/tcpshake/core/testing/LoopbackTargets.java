package io.tcpshake.core.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Loopback endpoints that produce each outcome (see DESIGN.md, "Making each outcome on loopback"). Close
 * it to release everything it opened.
 */
public final class LoopbackTargets implements AutoCloseable {
    public static final InetAddress V4 = address("127.0.0.1");
    public static final InetAddress V6 = address("::1");

    private final List<AutoCloseable> opened = new ArrayList<>();

    /**
     * A listener that never accepts on its own: checks against it are UP, and afterwards
     * {@link UpListener#acceptedNothing()} proves the application side saw no connection.
     */
    public UpListener upListener(InetAddress ip) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(ip, 0), 4096);
        server.configureBlocking(false);
        opened.add(server);
        return new UpListener(server);
    }

    /** An address where nothing listens (a port bound and closed again): checks are REFUSED. */
    public InetSocketAddress refusedAddress(InetAddress ip) throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, ip)) {
            return new InetSocketAddress(ip, socket.getLocalPort());
        }
    }

    /**
     * A listener with backlog 1 whose accept queue is filled by two plain connections and never drained:
     * the kernel drops further SYNs, so checks TIME OUT. Works unprivileged.
     */
    public InetSocketAddress timeoutAddress(InetAddress ip) throws IOException {
        ServerSocket server = new ServerSocket(0, 1, ip);
        opened.add(server);
        InetSocketAddress address = new InetSocketAddress(ip, server.getLocalPort());
        for (int i = 0; i < 2; i++) {
            Socket filler = new Socket();
            opened.add(filler);
            filler.connect(address, 1000);
        }
        return address;
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
        opened.clear();
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A loopback listener that is never accepted from by the application. */
    public static final class UpListener {
        private final ServerSocketChannel server;

        UpListener(ServerSocketChannel server) {
            this.server = server;
        }

        public InetSocketAddress address() {
            try {
                return (InetSocketAddress) server.getLocalAddress();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Accepts (non-blocking) everything queued; true when there was nothing: no check became a connection. */
        public boolean acceptedNothing() throws IOException {
            int accepted = 0;
            SocketChannel channel;
            while ((channel = server.accept()) != null) {
                accepted++;
                channel.close();
            }
            return accepted == 0;
        }

        /** Number of connections the application could accept now; drains them. */
        public int drainAccepted() throws IOException {
            int accepted = 0;
            SocketChannel channel;
            while ((channel = server.accept()) != null) {
                accepted++;
                channel.close();
            }
            return accepted;
        }
    }
}
