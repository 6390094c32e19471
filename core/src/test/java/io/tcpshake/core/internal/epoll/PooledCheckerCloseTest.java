package io.tcpshake.core.internal.epoll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tcpshake.core.CheckResult;
import io.tcpshake.core.Checker;
import io.tcpshake.core.CheckerClosedException;
import io.tcpshake.core.EngineChoice;
import io.tcpshake.core.testing.LoopbackTargets;
import io.tcpshake.core.testing.OpenFiles;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Closing the checker with pooled sockets busy and idle: every check fails at once, every fd is closed. */
class PooledCheckerCloseTest {

    @BeforeAll
    static void needsEpoll() {
        assumeTrue(EpollEngine.unavailabilityCause() == null, "epoll engine unavailable");
        assumeTrue(OpenFiles.supported(), "no /proc/self/fd");
    }

    @Test
    void closeFailsChecksInFlightPromptlyAndClosesEveryPooledSocket() throws Exception {
        try (LoopbackTargets targets = new LoopbackTargets()) {
            InetSocketAddress silent = targets.timeoutAddress(LoopbackTargets.V4);
            InetSocketAddress up = targets.upListener(LoopbackTargets.V6).address();
            // The JDK keeps one descriptor for good after its first socket close (the engine triggers that
            // close on purpose, see EpollEngine#open): let it exist before the snapshot.
            java.nio.channels.SocketChannel.open().close();
            Map<Integer, String> fdsBefore = OpenFiles.snapshot();
            Checker checker = Checker.builder().engine(EngineChoice.EPOLL).build();
            checker.start();
            // Idle pooled sockets (IPv6) beside busy ones (IPv4, waiting for a SYN-ACK that never comes).
            List<CompletableFuture<CheckResult>> warm = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                warm.add(checker.checkAsync(up, Duration.ofSeconds(5)));
            }
            for (CompletableFuture<CheckResult> future : warm) {
                assertTrue(future.get(10, TimeUnit.SECONDS).isUp());
            }
            List<CompletableFuture<CheckResult>> pending = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                pending.add(checker.checkAsync(silent, Duration.ofSeconds(60)));
            }
            long closing = System.nanoTime();
            checker.close();
            for (CompletableFuture<CheckResult> future : pending) {
                ExecutionException failure = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                        () -> future.get(5, TimeUnit.SECONDS));
                assertTrue(failure.getCause() instanceof CheckerClosedException, failure.getCause().toString());
            }
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closing);
            assertTrue(waited < 2000, "checks failed " + waited + " ms after close");
            assertEquals(-1, checker.pollerFd(), "the epoll fd is released");
            assertEquals(Map.of(), OpenFiles.openedSince(fdsBefore),
                    "descriptors left open: every pooled socket, the epoll fd and the eventfd must be closed");
        }
    }
}
