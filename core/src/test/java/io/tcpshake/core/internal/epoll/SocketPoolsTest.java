package io.tcpshake.core.internal.epoll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which pool a destination's checks use, and when its source is asked for again. */
class SocketPoolsTest {
    private static final long SECOND = 1_000_000_000L;
    private final SocketPools pools = new SocketPools();

    @Test
    void destinationsWithTheSameSourceShareItsBoundPoolUntilTheSourceIsStale() throws Exception {
        InetAddress database = InetAddress.getByName("127.0.0.2");
        InetAddress cache = InetAddress.getByName("127.0.0.3");
        InetAddress source = InetAddress.getByName("127.0.0.1");
        assertTrue(pools.mustLearn(database, 0));

        SocketPool pool = pools.learn(database, source, 0);
        assertNotNull(pool);
        assertTrue(pool.bound());
        assertEquals(source, pool.source());
        assertSame(pool, pools.learn(cache, source, 0));
        assertSame(pool, pools.boundFor(database, SocketPools.RELEARN_NANOS - 1));
        assertFalse(pools.mustLearn(database, SocketPools.RELEARN_NANOS - 1));

        assertNull(pools.boundFor(database, SocketPools.RELEARN_NANOS), "learned too long ago");
        assertTrue(pools.mustLearn(database, SocketPools.RELEARN_NANOS));
    }

    @Test
    void aForgottenDestinationLearnsAgainAtItsNextCheck() throws Exception {
        InetAddress target = InetAddress.getByName("127.0.0.2");
        pools.learn(target, InetAddress.getByName("127.0.0.1"), 0);
        pools.forget(target);
        assertNull(pools.boundFor(target, SECOND));
        assertTrue(pools.mustLearn(target, SECOND));
    }

    @Test
    void aDestinationToldToStayUnboundIsNotLearnedAgainUntilItsSourceIsStale() throws Exception {
        InetAddress target = InetAddress.getByName("127.0.0.2");
        pools.learn(target, InetAddress.getByName("127.0.0.1"), 0);
        pools.stayUnbound(target, SECOND);
        assertNull(pools.boundFor(target, 2 * SECOND));
        assertFalse(pools.mustLearn(target, 2 * SECOND));
        assertTrue(pools.mustLearn(target, SECOND + SocketPools.RELEARN_NANOS));
    }

    @Test
    void anAddressThatCannotBeBoundForGoodLeavesTheDestinationOnTheUnboundPoolWithoutAskingPerCheck()
            throws Exception {
        InetAddress ipv6Target = InetAddress.getByName("fe80::2");
        InetAddress ipv4Target = InetAddress.getByName("127.0.0.2");
        assertNull(pools.learn(ipv6Target, InetAddress.getByName("fe80::1"), 0), "link-local source");
        assertNull(pools.learn(ipv4Target, null, 0), "no route: no source");
        assertNull(pools.learn(InetAddress.getByName("::1"), InetAddress.getByName("127.0.0.1"), 0),
                "the other family");
        assertNull(pools.boundFor(ipv6Target, SECOND));
        assertFalse(pools.mustLearn(ipv6Target, SECOND), "asked again only when stale");
        assertFalse(pools.mustLearn(ipv4Target, SECOND));
        assertEquals(List.of(pools.unbound(LinuxSyscalls.AF_INET), pools.unbound(LinuxSyscalls.AF_INET6)),
                pools.all());
    }

    @Test
    void theCacheOfDestinationsIsBoundedAndTheFirstLearnedGoFirst() throws Exception {
        InetAddress source = InetAddress.getByName("127.0.0.1");
        for (int i = 0; i <= SocketPools.MAX_DESTINATIONS; i++) {
            pools.learn(InetAddress.getByAddress(new byte[] {10, 0, (byte) (i >>> 8), (byte) i}), source, 0);
        }
        assertTrue(pools.mustLearn(InetAddress.getByAddress(new byte[] {10, 0, 0, 0}), 0), "evicted");
        assertFalse(pools.mustLearn(InetAddress.getByAddress(new byte[] {10, 0, 0, 1}), 0));
        assertEquals(3, pools.all().size(), "one bound pool for the one source, and the two unbound");
    }

    @Test
    void boundPoolsNoCheckUsesAreRetiredAndThoseInUseAreNot() throws Exception {
        InetAddress target = InetAddress.getByName("127.0.0.2");
        SocketPool idle = pools.learn(target, InetAddress.getByName("127.0.0.1"), 0);
        SocketPool busy = pools.learn(InetAddress.getByName("::2"), InetAddress.getByName("::1"), 0);
        busy.created(); // a check runs on one of its sockets

        long later = SocketPools.UNUSED_NANOS + 1;
        assertEquals(List.of(), pools.retireUnused(SocketPools.UNUSED_NANOS), "not yet unused long enough");
        assertEquals(List.of(idle), pools.retireUnused(later));
        assertFalse(pools.all().contains(idle));
        assertTrue(pools.all().contains(busy));
        assertTrue(pools.all().contains(pools.unbound(LinuxSyscalls.AF_INET)), "unbound pools stay");
    }

    @Test
    void aDestinationWhosePoolWasRetiredLearnsAgainIntoANewPool() throws Exception {
        InetAddress target = InetAddress.getByName("127.0.0.2");
        InetAddress source = InetAddress.getByName("127.0.0.1");
        SocketPool old = pools.learn(target, source, 0);
        long later = SocketPools.UNUSED_NANOS + 1;
        assertEquals(List.of(old), pools.retireUnused(later));
        old.retire();
        assertNull(pools.boundFor(target, later));
        assertTrue(pools.mustLearn(target, later));
        SocketPool fresh = pools.learn(target, source, later);
        assertFalse(fresh == old, "a new pool for the address");
        assertSame(fresh, pools.boundFor(target, later));
    }
}
