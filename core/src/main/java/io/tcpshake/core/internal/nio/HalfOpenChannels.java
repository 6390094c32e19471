package io.tcpshake.core.internal.nio;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.SocketOption;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;

/**
 * Opens the non-blocking channels of half-open checks with the options the technique needs
 * (DESIGN.md): {@code TCP_QUICKACK} off, so the kernel holds back the handshake's final ACK, and for a
 * zero-linger check {@code SO_LINGER} 0, so that close sends RST instead of FIN.
 *
 * <p>Both JDK features are found at run time: {@code jdk.net.ExtendedSocketOptions.TCP_QUICKACK}
 * (Linux, JDK 10+; absent when the runtime lacks the {@code jdk.net} module or the platform lacks the
 * option) and {@code SocketChannel.open(ProtocolFamily)} (JDK 15+; older runtimes open a dual-stack socket,
 * which reaches IPv4 through a mapped address).
 */
final class HalfOpenChannels {
    private final SocketOption<Boolean> quickAck;
    private final MethodHandle openWithFamily;

    private HalfOpenChannels(SocketOption<Boolean> quickAck, MethodHandle openWithFamily) {
        this.quickAck = quickAck;
        this.openWithFamily = openWithFamily;
    }

    /**
     * Probes the runtime once: opens and closes one channel. That first open and close also initialises
     * the JDK's NIO classes while descriptors are still free; done lazily with a full descriptor table,
     * that initialisation throws {@code ExceptionInInitializerError} (DESIGN.md).
     */
    static HalfOpenChannels probe() throws IOException {
        MethodHandle openWithFamily = findOpenWithFamily();
        SocketOption<Boolean> quickAck = findQuickAck();
        try (SocketChannel channel = SocketChannel.open()) {
            if (quickAck != null && !channel.supportedOptions().contains(quickAck)) {
                quickAck = null;
            }
            channel.setOption(StandardSocketOptions.SO_LINGER, 0);
        }
        return new HalfOpenChannels(quickAck, openWithFamily);
    }

    /** Whether {@code TCP_QUICKACK} is turned off on every check's socket. */
    boolean quickAckOff() {
        return quickAck != null;
    }

    /**
     * A non-blocking channel for a check of {@code target}, options set, not yet connected. The caller
     * closes it, also when this throws after opening (it does not: a failure here closes the channel).
     */
    SocketChannel open(InetSocketAddress target, boolean zeroLinger) throws IOException {
        SocketChannel channel = openChannel(target);
        try {
            channel.configureBlocking(false);
            if (quickAck != null) {
                channel.setOption(quickAck, false);
            }
            if (zeroLinger) {
                channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            }
            return channel;
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // Nothing left to do with a socket whose close failed: the descriptor is released either way.
        }
    }

    private SocketChannel openChannel(InetSocketAddress target) throws IOException {
        if (openWithFamily == null) {
            return SocketChannel.open();
        }
        ProtocolFamily family = target.getAddress() instanceof Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
        try {
            return (SocketChannel) openWithFamily.invokeExact(family);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IOException("SocketChannel.open(" + family + ") failed", e);
        }
    }

    private static MethodHandle findOpenWithFamily() {
        try {
            return MethodHandles.publicLookup().findStatic(SocketChannel.class, "open",
                    MethodType.methodType(SocketChannel.class, ProtocolFamily.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null; // JDK 11..14: SocketChannel.open() only
        }
    }

    @SuppressWarnings("unchecked")
    private static SocketOption<Boolean> findQuickAck() {
        try {
            Object option = Class.forName("jdk.net.ExtendedSocketOptions").getField("TCP_QUICKACK").get(null);
            return option instanceof SocketOption ? (SocketOption<Boolean>) option : null;
        } catch (ReflectiveOperationException | LinkageError e) {
            return null; // no jdk.net module in this runtime
        }
    }
}
