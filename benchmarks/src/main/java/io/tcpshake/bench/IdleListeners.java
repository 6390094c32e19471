package io.tcpshake.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Loopback listeners on 127.0.0.1 that never accept: the targets of a monitor run. Half-open checks must
 * leave their accept queues empty, which {@link #countAcceptable()} verifies at the end.
 */
final class IdleListeners implements AutoCloseable {
    private final List<ServerSocketChannel> servers = new ArrayList<>();

    IdleListeners(int count) throws IOException {
        try {
            for (int i = 0; i < count; i++) {
                ServerSocketChannel server = ServerSocketChannel.open();
                servers.add(server);
                server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
                server.configureBlocking(false);
            }
        } catch (IOException e) {
            close();
            throw new IOException("cannot open " + count + " loopback listeners on 127.0.0.1: " + e.getMessage(), e);
        }
    }

    int size() {
        return servers.size();
    }

    int port(int index) throws IOException {
        return ((InetSocketAddress) servers.get(index).getLocalAddress()).getPort();
    }

    /** Takes every connection waiting in the accept queues and returns how many there were: 0 after half-open checks. */
    long countAcceptable() throws IOException {
        long accepted = 0;
        for (ServerSocketChannel server : servers) {
            for (SocketChannel channel = server.accept(); channel != null; channel = server.accept()) {
                channel.close();
                accepted++;
            }
        }
        return accepted;
    }

    @Override
    public void close() {
        for (ServerSocketChannel server : servers) {
            try {
                server.close();
            } catch (IOException e) {
                // closing a listener of ours: nothing to do
            }
        }
    }
}
