package io.tcpshake.core.internal.epoll;

import static io.tcpshake.core.internal.epoll.LinuxSyscalls.AF_INET6;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's pools of half-open sockets: an unbound pool per address family, and a bound pool per local
 * address the kernel was seen to choose for some destination. Loop thread only.
 *
 * <p>Why bound pools: a socket bound to an explicit address and port keeps both across {@code
 * connect(AF_UNSPEC)}, so its next connect neither searches an ephemeral port nor rehashes the socket
 * under a new source address, and its disconnect gives nothing back. On Linux 6.x that is about 10 % of the
 * kernel's work per check on loopback (halfopen-reuse.c with and without it: 1.1x the checks/s at 0.9x the
 * CPU). The wire is the same: SYN, SYN-ACK, RST.
 *
 * <p>Which address: the kernel's own choice, never a guess. Before the first check of a destination, and
 * again every {@link #RELEARN_NANOS}, the engine asks the kernel which source it would use ({@link
 * SocketCalls#sourceFor}: a UDP connect, no packet) and its checks then use the pool bound to that
 * address. A connect the local stack refuses at once (the address is gone: ENETUNREACH) runs the check
 * again on an unbound socket, and the destination's checks stay on unbound sockets until its source is
 * learned again. A check through a bound pool that ends neither UP nor refused (a timeout, an ICMP error)
 * forgets the destination's source, so the next check asks the kernel again: a route that changed costs
 * at most one result, and an UP from a bound socket always means the target answered. Where no source can
 * be learned (no route, a link-local address, which would need its interface too) or bound (no free
 * port), checks use the unbound pool.
 *
 * <p>On the wire: the checks of a destination come from a few fixed ports, one per pooled socket, so the
 * same address and port pair is used again and again. TCP allows that at once: after the RST neither
 * side keeps state (the client resets, no TIME_WAIT; the target never had a connection). A target on a socket's own port could be the socket itself (a TCP
 * self-connect reads as UP), so such a check runs on an unbound socket ({@code EpollEngine}).
 */
final class SocketPools {
    /**
     * How long a learned source is used before a check asks the kernel again. Long: a source that stops
     * working is forgotten at once by the check that finds out (see the class comment), so this only bounds
     * how long a source that still works is kept after the kernel came to prefer another; and each learning
     * costs four system calls per destination (10,000 destinations: about 170 a second).
     */
    static final long RELEARN_NANOS = 60_000_000_000L;
    /** A bound pool no check used for this long is closed: no destination has learned its source since. */
    static final long UNUSED_NANOS = 2 * RELEARN_NANOS;
    /** Destinations remembered at most (the first learned go first): a bound on the heap of the cache. */
    static final int MAX_DESTINATIONS = 16_384;

    private final SocketPool ipv4 = new SocketPool(LinuxSyscalls.AF_INET, null);
    private final SocketPool ipv6 = new SocketPool(AF_INET6, null);
    private final Map<InetAddress, SocketPool> bySource = new HashMap<>();
    private final List<SocketPool> all = new ArrayList<>(List.of(ipv4, ipv6));
    private final Map<InetAddress, Learned> byDestination =
            new LinkedHashMap<InetAddress, Learned>(16, 0.75f, false) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<InetAddress, Learned> eldest) {
                    return size() > MAX_DESTINATIONS;
                }
            };

    /** A destination's source pool and when it was learned. */
    private static final class Learned {
        SocketPool pool;
        long learnedNanos;
    }

    /** The unbound pool of the family. */
    SocketPool unbound(int family) {
        return family == AF_INET6 ? ipv6 : ipv4;
    }

    /**
     * The pool bound to the destination's source; null when its checks use the unbound pool, or when it
     * must be learned first ({@link #mustLearn}).
     */
    SocketPool boundFor(InetAddress destination, long nowNanos) {
        Learned learned = byDestination.get(destination);
        return learned != null && learned.pool != null && nowNanos - learned.learnedNanos < RELEARN_NANOS
                && !learned.pool.retired() ? learned.pool : null;
    }

    /** Whether the destination's source is unknown, stale, or its pool retired. */
    boolean mustLearn(InetAddress destination, long nowNanos) {
        Learned learned = byDestination.get(destination);
        return learned == null || nowNanos - learned.learnedNanos >= RELEARN_NANOS
                || (learned.pool != null && learned.pool.retired());
    }

    /**
     * The kernel picks {@code source} for connections to {@code destination}: returns the pool bound to it
     * (made on first use), or null when that address cannot be bound for good (unknown, link-local, or of
     * the other family); either answer holds for {@link #RELEARN_NANOS}.
     */
    SocketPool learn(InetAddress destination, InetAddress source, long nowNanos) {
        SocketPool pool = null;
        if (source != null && !source.isAnyLocalAddress() && !source.isLinkLocalAddress()
                && (source instanceof Inet6Address) == (destination instanceof Inet6Address)) {
            pool = bySource.get(source);
            if (pool == null) {
                pool = new SocketPool(source instanceof Inet6Address ? AF_INET6 : LinuxSyscalls.AF_INET, source);
                bySource.put(source, pool);
                all.add(pool);
            }
            pool.usedAt(nowNanos);
        }
        Learned learned = byDestination.computeIfAbsent(destination, unused -> new Learned());
        learned.pool = pool;
        learned.learnedNanos = nowNanos;
        return pool;
    }

    /** Its checks use the unbound pool until the source is learned again, {@link #RELEARN_NANOS} from now. */
    void stayUnbound(InetAddress destination, long nowNanos) {
        learn(destination, null, nowNanos);
    }

    /** A check of the destination through its bound pool was not answered: ask the kernel again next time. */
    void forget(InetAddress destination) {
        byDestination.remove(destination);
    }

    /** Every pool, for trimming. */
    List<SocketPool> all() {
        return all;
    }

    /**
     * Removes the bound pools no check has used for {@link #UNUSED_NANOS} (their address went away, or the
     * kernel now picks another for their destinations) and returns them, for the caller to retire and close
     * their idle sockets. A destination that learned a retired pool learns again at its next check.
     */
    List<SocketPool> retireUnused(long nowNanos) {
        List<SocketPool> retired = new ArrayList<>();
        for (SocketPool pool : all) {
            if (pool.bound() && pool.unusedFor(UNUSED_NANOS, nowNanos)) {
                retired.add(pool);
            }
        }
        for (SocketPool pool : retired) {
            all.remove(pool);
            bySource.remove(pool.source());
        }
        return retired;
    }
}
