package io.tcpshake.core.internal.epoll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tcpshake.core.CheckResult;
import io.tcpshake.core.Checker;
import io.tcpshake.core.EngineChoice;
import io.tcpshake.core.testing.LoopbackTargets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The checker names the sockets it holds, which is how discovery leaves tcpshake's own out. */
class CheckerSocketFdsTest {
    @Test
    void pooledSocketsOfTheEpollEngineAreNamedByDescriptor() throws Exception {
        assumeTrue(EpollEngine.unavailabilityCause() == null, "epoll engine unavailable");
        try (LoopbackTargets loopback = new LoopbackTargets();
                Checker checker = Checker.builder().engine(EngineChoice.EPOLL).build()) {
            checker.start();
            CheckResult result = checker.checkAsync(loopback.upListener(LoopbackTargets.V4).address(),
                    Duration.ofSeconds(1)).get(5, TimeUnit.SECONDS);
            assertTrue(result.isUp(), result.toString());

            int[] fds = checker.socketFds().get(5, TimeUnit.SECONDS);

            assertTrue(fds.length >= 1, "the pooled socket of the check stays open");
            for (int fd : fds) {
                assertTrue(Files.readSymbolicLink(Paths.get("/proc/self/fd/" + fd)).toString().startsWith("socket:["),
                        "fd " + fd + " is a socket");
            }
        }
    }

    @Test
    void theNioEngineNamesNone() throws Exception {
        try (Checker checker = Checker.builder().engine(EngineChoice.NIO).build()) {
            checker.start();

            assertEquals(0, checker.socketFds().get(5, TimeUnit.SECONDS).length);
        }
    }
}
