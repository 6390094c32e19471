package io.tcpshake.core.internal.raw;

import io.tcpshake.core.internal.epoll.NativeBuffer;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * The source address the kernel picks for each destination, which the TCP checksum covers, learned as the
 * epoll engine learns it: a UDP socket's {@code connect} selects the route without sending a packet, and
 * {@code getsockname} tells its source. A destination without a route keeps the errno of that connect
 * ({@code ENETUNREACH}, {@code EHOSTUNREACH}, ...): the same errno the epoll engine's {@code connect}
 * gives. Learned again after {@link #RELEARN_NANOS}, so a route that changes is followed. Loop thread only.
 */
final class Routes {
    static final long RELEARN_NANOS = 5_000_000_000L;
    private static final int MAX_ROUTES = 100_000;

    private final Map<InetAddress, Route> routes = new HashMap<>();
    private final NativeBuffer address = new NativeBuffer(MessageBatch.NAME_CAPACITY);
    private final NativeBuffer length = new NativeBuffer(4);

    /** The route to {@code destination}, learned now when unknown or older than {@link #RELEARN_NANOS}. */
    Route to(InetAddress destination, long nowNanos) {
        Route route = routes.get(destination);
        if (route == null || nowNanos - route.learnedNanos > RELEARN_NANOS) {
            if (routes.size() >= MAX_ROUTES) {
                routes.clear(); // a bound on memory; each is learned again with one system call
            }
            Route earlier = route;
            route = learn(destination, nowNanos);
            if (route == null) {
                // No UDP socket to learn with (a full descriptor table): this check fails with that errno,
                // the next one tries again.
                return new Route(destination.getAddress(), null, RawSyscalls.errno(), nowNanos);
            }
            if (earlier != null) {
                route.inheritFreedPorts(earlier);
            }
            routes.put(destination, route);
        }
        return route;
    }

    /** The route, or null when no socket could be opened to learn it. */
    private Route learn(InetAddress destination, long nowNanos) {
        byte[] bytes = destination.getAddress();
        boolean ipv6 = destination instanceof Inet6Address;
        int family = ipv6 ? RawSyscalls.AF_INET6 : RawSyscalls.AF_INET;
        int probe = RawSyscalls.socket(family, RawSyscalls.SOCK_DGRAM | RawSyscalls.SOCK_CLOEXEC, 0);
        if (probe < 0) {
            return null; // errno() tells why
        }
        try {
            int nameLength = SocketAddresses.write(address.bytes, 0, bytes, 9); // any port: UDP connect sends nothing
            if (RawSyscalls.connect(probe, address.address, nameLength) < 0) {
                return new Route(bytes, null, RawSyscalls.errno(), nowNanos);
            }
            length.bytes.putInt(0, MessageBatch.NAME_CAPACITY);
            if (RawSyscalls.getsockname(probe, address.address, length.address) < 0) {
                return new Route(bytes, null, RawSyscalls.errno(), nowNanos);
            }
            return new Route(bytes, SocketAddresses.addressOf(address.bytes, 0, ipv6), 0, nowNanos);
        } finally {
            RawSyscalls.close(probe);
        }
    }

    void free() {
        address.free();
        length.free();
    }
}
