package io.tcpshake.core.internal.epoll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tcpshake.core.Checker;
import io.tcpshake.core.EngineChoice;
import io.tcpshake.core.Outcome;
import io.tcpshake.core.testing.LoopbackTargets;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Pooled half-open sockets run the kernel's Reno congestion control, set once when the socket is made and
 * kept through every disconnect: a connection that never carries data gets no per-connection model.
 */
class PooledSocketCongestionControlTest {
    @Test
    void pooledSocketsKeepRenoThroughTheirChecks() throws Exception {
        assumeTrue(EpollEngine.unavailabilityCause() == null, "epoll engine unavailable");
        try (LoopbackTargets loopback = new LoopbackTargets();
                Checker checker = Checker.builder().engine(EngineChoice.EPOLL).build()) {
            checker.start();
            InetSocketAddress up = loopback.upListener(LoopbackTargets.V4).address();
            InetSocketAddress refused = loopback.refusedAddress(LoopbackTargets.V6);
            InFlightRun run = InFlightRun.run(checker, 400, 4, i -> i % 2 == 0 ? up : refused,
                    i -> Duration.ofSeconds(5), Duration.ofSeconds(60));
            assertEquals(List.of(), run.mismatches(i -> i % 2 == 0 ? Outcome.UP : Outcome.REFUSED));

            int[] fds = checker.socketFds().get(5, TimeUnit.SECONDS);

            assertTrue(fds.length >= 2, "pooled sockets of both families stay open: " + fds.length);
            List<String> others = new ArrayList<>();
            for (int fd : fds) {
                String algorithm = congestionControlOf(fd);
                if (!algorithm.equals(SocketCalls.HALF_OPEN_CONGESTION_CONTROL)) {
                    others.add("fd " + fd + ": " + algorithm);
                }
            }
            assertEquals(List.of(), others, "pooled sockets with another congestion control");
        }
    }

    /** getsockopt(TCP_CONGESTION): the algorithm's name. */
    private static String congestionControlOf(int fd) {
        NativeBuffer name = new NativeBuffer(16);
        NativeBuffer length = new NativeBuffer(4);
        try {
            length.bytes.putInt(0, 16);
            int result = LinuxSyscalls.getsockopt(fd, LinuxSyscalls.IPPROTO_TCP, LinuxSyscalls.TCP_CONGESTION,
                    name.address, length.address);
            assertEquals(0, result, "getsockopt(TCP_CONGESTION) on fd " + fd + ": errno " + LinuxSyscalls.errno());
            StringBuilder algorithm = new StringBuilder();
            for (int i = 0; i < length.bytes.getInt(0) && name.bytes.get(i) != 0; i++) {
                algorithm.append((char) name.bytes.get(i));
            }
            return algorithm.toString();
        } finally {
            name.free();
            length.free();
        }
    }
}
