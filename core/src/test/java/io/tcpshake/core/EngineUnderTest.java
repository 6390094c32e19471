package io.tcpshake.core;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tcpshake.core.internal.epoll.EpollEngine;
import io.tcpshake.core.internal.raw.RawEngine;
import java.time.Duration;

/** Builds checkers for the engine a {@link ForEachEngine} test runs with. */
final class EngineUnderTest {
    private EngineUnderTest() {
    }

    /** Skips the test, saying why, when {@code choice} is epoll and epoll cannot load here. */
    static void assumeAvailable(EngineChoice choice) {
        if (choice == EngineChoice.EPOLL) {
            Throwable cause = EpollEngine.unavailabilityCause();
            assumeTrue(cause == null, () -> "the epoll engine cannot load here, so its run is skipped: " + cause);
        }
        if (choice == EngineChoice.RAW) {
            String reason = RawEngine.unavailabilityReason();
            assumeTrue(reason == null, () -> "the raw engine cannot run here, so its run is skipped: " + reason);
        }
    }

    /** A builder forced to {@code choice}; skips the test when that engine cannot load. */
    static Checker.Builder builder(EngineChoice choice) {
        assumeAvailable(choice);
        return Checker.builder().engine(choice);
    }

    /** A started, ready checker on {@code choice}; the caller closes it. */
    static Checker started(EngineChoice choice) throws InterruptedException {
        return started(builder(choice));
    }

    static Checker started(Checker.Builder builder) throws InterruptedException {
        Checker checker = builder.build();
        checker.start();
        if (!checker.awaitReady(Duration.ofSeconds(10))) {
            checker.close();
            throw new AssertionError("the checker did not become ready within 10 s");
        }
        return checker;
    }
}
