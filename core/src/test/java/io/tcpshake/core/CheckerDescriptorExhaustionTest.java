package io.tcpshake.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tcpshake.core.testing.LoopbackTargets;
import java.io.FileInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;

/** A full descriptor table is one check's ERROR (EMFILE), not the end of the loop. */
class CheckerDescriptorExhaustionTest {
    /** Filling a larger table costs too much memory and time for a unit test. */
    private static final long MAX_TABLE_TO_FILL = 65_536;

    private final LoopbackTargets targets = new LoopbackTargets();
    private final List<FileInputStream> filler = new ArrayList<>();
    private Checker checker;

    @AfterEach
    void closeAll() throws Exception {
        releaseFiller();
        if (checker != null) {
            checker.close();
        }
        targets.close();
    }

    @ForEachEngine
    void fullDescriptorTableGivesErrorEmfileAndTheLoopSurvives(EngineChoice engine) throws Exception {
        assumeTrue(engine != EngineChoice.RAW, "the raw engine opens no descriptor per check (and makes no FIN check)");
        long limit = openFilesLimit();
        assumeTrue(limit > 0 && limit <= MAX_TABLE_TO_FILL,
                "the open files limit is " + limit + ": too large to fill in a test (at most " + MAX_TABLE_TO_FILL + ")");
        checker = EngineUnderTest.started(engine);
        InetSocketAddress refused = targets.refusedAddress(LoopbackTargets.V4);
        assertEquals(Outcome.REFUSED, checker.checkAsync(refused, Duration.ofSeconds(1)).get(5, TimeUnit.SECONDS)
                .outcome(), "before the table is full");

        CheckResult starved;
        try {
            fillDescriptorTable();
            // zeroLinger false: a FIN check needs a socket of its own, also where the engine reuses
            // zero-linger sockets (epoll), so the full table is hit whichever engine runs.
            starved = checker.checkAsync(refused, Duration.ofSeconds(1), false).get(5, TimeUnit.SECONDS);
        } finally {
            releaseFiller();
        }

        assertEquals(Outcome.ERROR, starved.outcome(), starved.toString());
        assertEquals(Errno.EMFILE, starved.errno(), starved.toString());
        assertTrue(starved.message().contains("Too many open files"), starved.message());
        assertEquals(Outcome.REFUSED, checker.checkAsync(refused, Duration.ofSeconds(1)).get(5, TimeUnit.SECONDS)
                .outcome(), "after the table has room again");
    }

    @org.junit.jupiter.api.Test
    void theRawEngineChecksOnWithAFullTableAndLearnsNewDestinationsOnceThereIsRoom() throws Exception {
        long limit = openFilesLimit();
        assumeTrue(limit > 0 && limit <= MAX_TABLE_TO_FILL,
                "the open files limit is " + limit + ": too large to fill in a test (at most " + MAX_TABLE_TO_FILL + ")");
        checker = EngineUnderTest.started(EngineChoice.RAW);
        InetSocketAddress known = targets.refusedAddress(LoopbackTargets.V4);
        InetSocketAddress unknown = targets.refusedAddress(LoopbackTargets.V6);
        assertEquals(Outcome.REFUSED, checker.checkAsync(known, Duration.ofSeconds(1)).get(5, TimeUnit.SECONDS)
                .outcome(), "before the table is full");

        CheckResult knownWhileFull;
        CheckResult unknownWhileFull;
        try {
            fillDescriptorTable();
            knownWhileFull = checker.checkAsync(known, Duration.ofSeconds(1)).get(5, TimeUnit.SECONDS);
            // A new destination's source address is learned with a UDP socket, which cannot be had now.
            unknownWhileFull = checker.checkAsync(unknown, Duration.ofSeconds(1)).get(5, TimeUnit.SECONDS);
        } finally {
            releaseFiller();
        }

        assertEquals(Outcome.REFUSED, knownWhileFull.outcome(), "no descriptor per check: " + knownWhileFull);
        assertEquals(Errno.EMFILE, unknownWhileFull.errno(), unknownWhileFull.toString());
        assertEquals(Outcome.REFUSED, checker.checkAsync(unknown, Duration.ofSeconds(1)).get(5, TimeUnit.SECONDS)
                .outcome(), "once there is room again (the failure is not remembered)");
    }

    private void fillDescriptorTable() {
        try {
            while (true) {
                filler.add(new FileInputStream("/dev/null"));
            }
        } catch (IOException e) {
            // Too many open files: the table is full.
        }
    }

    private void releaseFiller() throws IOException {
        for (FileInputStream stream : filler) {
            stream.close();
        }
        filler.clear();
    }

    /** The soft limit of open files from /proc/self/limits, or -1 when unknown. */
    private static long openFilesLimit() throws IOException {
        if (!Files.exists(Paths.get("/proc/self/limits"))) {
            return -1;
        }
        for (String line : Files.readAllLines(Paths.get("/proc/self/limits"), StandardCharsets.UTF_8)) {
            if (line.startsWith("Max open files")) {
                String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
                return soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft);
            }
        }
        return -1;
    }
}
