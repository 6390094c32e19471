package io.tcpshake.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Iterator;

/**
 * The other thing a Java user would write: non-blocking NIO connects on one Selector, each connection
 * completed and closed normally (FIN). A full connection, as with blocking sockets, on one thread.
 */
final class NioFullConnectScenario implements Scenario {
    @Override
    public String name() {
        return "java-nio-full-connect";
    }

    @Override
    public long maxChecks() {
        return 20_000;
    }

    @Override
    public Measurement run(InetSocketAddress target, long checks, int inFlight) throws Exception {
        ResourceMeter meter = ResourceMeter.start();
        long t0 = System.nanoTime();
        long started = 0;
        long finished = 0;
        long up = 0;
        try (Selector selector = Selector.open()) {
            while (started < checks && started < inFlight) {
                started++;
                if (!begin(selector, target)) {
                    finished++;
                }
            }
            while (finished < checks) {
                if (selector.select(2000) == 0 && selector.keys().isEmpty()) {
                    break;
                }
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    SocketChannel channel = (SocketChannel) key.channel();
                    try {
                        if (channel.finishConnect()) {
                            up++;
                        }
                    } catch (IOException e) {
                        // down
                    }
                    key.cancel();
                    channel.close();
                    finished++;
                    if (started < checks) {
                        started++;
                        if (!begin(selector, target)) {
                            finished++;
                        }
                    }
                }
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Measurement(name(), inFlight, checks, up, seconds, meter.cpuNanos(),
                meter.allocatedBytesSinceStart());
    }

    private static boolean begin(Selector selector, InetSocketAddress target) {
        try {
            SocketChannel channel = SocketChannel.open();
            channel.configureBlocking(false);
            if (channel.connect(target)) {
                channel.close();
                return false;
            }
            channel.register(selector, SelectionKey.OP_CONNECT);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
