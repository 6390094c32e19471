package io.tcpshake.core.internal.raw;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tcpshake.core.Checker;
import io.tcpshake.core.EngineChoice;
import io.tcpshake.core.EngineKind;
import java.time.Duration;

/** Starts checkers on the raw engine; skips the test, saying why, where it cannot run (no CAP_NET_RAW). */
final class RawEngineUnderTest {
    private RawEngineUnderTest() {
    }

    static void assumeAvailable() {
        String reason = RawEngine.unavailabilityReason();
        assumeTrue(reason == null, () -> "the raw engine cannot run here, so this test is skipped: " + reason);
    }

    static Checker started() throws InterruptedException {
        assumeAvailable();
        Checker checker = Checker.builder().engine(EngineChoice.RAW).build();
        checker.start();
        if (!checker.awaitReady(Duration.ofSeconds(10))) {
            checker.close();
            throw new AssertionError("the checker did not become ready within 10 s");
        }
        if (checker.engineInfo().kind() != EngineKind.RAW) {
            checker.close();
            throw new AssertionError("asked for the raw engine, got " + checker.engineInfo());
        }
        return checker;
    }
}
