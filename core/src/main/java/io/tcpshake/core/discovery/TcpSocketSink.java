package io.tcpshake.core.discovery;

import java.net.InetSocketAddress;

/** What a reader of the kernel's TCP socket table is told of each socket that passed its filters. */
@FunctionalInterface
public interface TcpSocketSink {
    /** The row state values passed: ESTABLISHED and LISTEN, as the kernel numbers them. */
    int ESTABLISHED = 0x01;
    int LISTEN = 0x0A;

    /**
     * One socket.
     *
     * @param state {@link #ESTABLISHED} or {@link #LISTEN}
     * @param local its local address and port
     * @param remote its peer (the wildcard address and port 0 for LISTEN)
     * @param inode its inode, as {@code /proc/self/fd} links name it ({@code socket:[inode]})
     */
    void socket(int state, InetSocketAddress local, InetSocketAddress remote, long inode);
}
