package io.tcpshake.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * The loopback listener every scenario checks: a large backlog, and a daemon thread that accepts and
 * closes whatever completes a handshake (the full-connect baselines do; half-open checks never should).
 */
final class BenchListener implements AutoCloseable {
    private final ServerSocketChannel server;
    private final Thread acceptor;
    private volatile long accepted;

    BenchListener() throws IOException {
        server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
        acceptor = new Thread(this::acceptAll, "bench-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    InetSocketAddress address() throws IOException {
        return (InetSocketAddress) server.getLocalAddress();
    }

    /** Connections the application side saw: 0 for half-open checks. */
    long accepted() {
        return accepted;
    }

    /**
     * Waits until the acceptor has taken every connection still queued from the previous run (no new one
     * for 200 ms, at most 5 s), so each run's accepted count is its own.
     */
    void awaitQuiet() throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        long seen = -1;
        while (accepted != seen && System.nanoTime() < deadline) {
            seen = accepted;
            Thread.sleep(200);
        }
    }

    private void acceptAll() {
        while (server.isOpen()) {
            try (SocketChannel channel = server.accept()) {
                accepted++;
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
