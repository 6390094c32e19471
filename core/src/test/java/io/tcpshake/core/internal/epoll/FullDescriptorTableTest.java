package io.tcpshake.core.internal.epoll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tcpshake.core.CheckResult;
import io.tcpshake.core.Checker;
import io.tcpshake.core.EngineChoice;
import io.tcpshake.core.Errno;
import io.tcpshake.core.Outcome;
import io.tcpshake.core.testing.LoopbackTargets;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With the process's fd table full, a check cannot get a socket: that check is an ERROR with errno 24
 * (EMFILE), and the loop goes on checking once descriptors are free again. The limit cannot be lowered
 * for one running JVM, so the test fills the table itself (up to the soft limit, if it is modest).
 */
class FullDescriptorTableTest {
    private static final long MAX_DESCRIPTORS_TO_FILL = 70_000;
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @BeforeAll
    static void needsEpollAndAModestLimit() throws IOException {
        assumeTrue(EpollEngine.unavailabilityCause() == null, "epoll engine unavailable");
        long limit = openFilesSoftLimit();
        assumeTrue(limit > 0 && limit <= MAX_DESCRIPTORS_TO_FILL, "fd limit " + limit + " too high to fill");
    }

    @Test
    void fullDescriptorTableIsAnEmfileErrorResultAndTheLoopSurvives() throws Exception {
        try (LoopbackTargets targets = new LoopbackTargets();
                Checker checker = Checker.builder().engine(EngineChoice.EPOLL).callbacksOnLoopThread().build()) {
            InetSocketAddress up = targets.upListener(LoopbackTargets.V4).address();
            InetSocketAddress refused = targets.refusedAddress(LoopbackTargets.V4);
            checker.start();
            // Load every class of the paths below while descriptors are free (class loading opens jars).
            // FIN checks have sockets of their own, so the zero-linger pool stays empty: the zero-linger
            // check below must create its socket.
            assertEquals(Outcome.UP, check(checker, up, false).outcome());
            assertEquals(Outcome.REFUSED, check(checker, refused, false).outcome());
            SocketCalls.failure("socket()", Errno.EMFILE);

            List<RandomAccessFile> fillers = new ArrayList<>();
            CheckResult halfOpen;
            CheckResult fin;
            try {
                fillDescriptorTable(fillers);
                halfOpen = check(checker, up, true);
                fin = check(checker, up, false);
            } finally {
                for (RandomAccessFile filler : fillers) {
                    filler.close();
                }
            }
            assertEquals(Outcome.ERROR, halfOpen.outcome(), halfOpen.toString());
            assertEquals(Errno.EMFILE, halfOpen.errno(), halfOpen.toString());
            assertTrue(halfOpen.message().contains("Too many open files"), halfOpen.message());
            assertEquals(Outcome.ERROR, fin.outcome(), fin.toString());
            assertEquals(Errno.EMFILE, fin.errno(), fin.toString());

            assertTrue(checker.isReady(), "the loop survived the full table");
            assertEquals(Outcome.UP, check(checker, up, true).outcome());
            assertEquals(Outcome.REFUSED, check(checker, refused, true).outcome());
            assertEquals(Outcome.UP, check(checker, up, false).outcome());
        }
    }

    private static CheckResult check(Checker checker, InetSocketAddress address, boolean zeroLinger)
            throws Exception {
        return checker.checkAsync(address, TIMEOUT, zeroLinger).get(10, TimeUnit.SECONDS);
    }

    private static void fillDescriptorTable(List<RandomAccessFile> fillers) {
        try {
            for (long i = 0; i < MAX_DESCRIPTORS_TO_FILL; i++) {
                fillers.add(new RandomAccessFile("/dev/null", "r"));
            }
        } catch (IOException full) {
            return; // "Too many open files": the table is full
        }
        throw new AssertionError("the fd table did not fill after " + MAX_DESCRIPTORS_TO_FILL + " files");
    }

    private static long openFilesSoftLimit() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
            if (line.startsWith("Max open files")) {
                String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
                return soft.equals("unlimited") ? -1 : Long.parseLong(soft);
            }
        }
        return -1;
    }
}
