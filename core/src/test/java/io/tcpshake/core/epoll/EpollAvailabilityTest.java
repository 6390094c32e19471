package io.tcpshake.core.epoll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tcpshake.core.Checker;
import io.tcpshake.core.EngineChoice;
import io.tcpshake.core.EngineInfo;
import io.tcpshake.core.EngineKind;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Whether the engine can load, and what it says when it cannot. */
class EpollAvailabilityTest {

    @Test
    void loadsOnLinuxAndDescribesItself() throws Exception {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"), "not Linux");
        assertNull(EpollEngine.unavailabilityCause(), "epoll should load here");
        try (Checker checker = Checker.builder().engine(EngineChoice.EPOLL).build()) {
            checker.start();
            EngineInfo info = checker.engineInfo();
            assertEquals(EngineKind.EPOLL, info.kind());
            assertTrue(info.description().matches("epoll \\(JNA \\d+\\.\\d+\\.\\d+, socket reuse\\)"), info.description());
            assertNull(info.fallbackReason());
            assertTrue(checker.pollerFd() > 2, "pollerFd " + checker.pollerFd());
            assertEquals("anon_inode:[eventpoll]",
                    Files.readSymbolicLink(Paths.get("/proc/self/fd/" + checker.pollerFd())).toString());
        }
    }

    /** A JVM without JNA on its class path: the cause names the missing library instead of throwing. */
    @Test
    void withoutJnaTheCauseSaysJnaIsMissing() throws Exception {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"), "not Linux");
        Path classes = Paths.get(EpollEngine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path testClasses = Paths.get(EpollAvailabilityTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", classes + File.pathSeparator + testClasses,
                PrintCause.class.getName()).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS), "child JVM did not finish");
        assertEquals(0, child.exitValue(), output);
        assertTrue(output.startsWith("JNA is not on the class path"), output);
    }

    /** Main of the child JVM: prints the cause's message. */
    public static final class PrintCause {
        public static void main(String[] args) {
            Throwable cause = EpollEngine.unavailabilityCause();
            System.out.println(cause == null ? "available" : cause.getMessage());
        }
    }
}
