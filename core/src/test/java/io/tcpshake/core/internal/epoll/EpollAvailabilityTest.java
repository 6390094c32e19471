package io.tcpshake.core.internal.epoll;

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
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
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
        String output = runChild(PrintCause.class);
        assertTrue(output.startsWith("JNA is not on the class path"), output);
    }

    /**
     * Loading the engine starts no process in the host JVM (JNA's library search would run {@code
     * /sbin/ldconfig -p}) and leaves no JNA system property behind.
     */
    @Test
    void loadingStartsNoProcessAndLeavesNoJnaProperty() throws Exception {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"), "not Linux");
        Path jna = Paths.get(com.sun.jna.Native.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String output = runChild(PrintProcessesAndProperties.class, jna);
        assertEquals("available, process reaper thread: false, JNA properties: []", output);
    }

    /** Runs {@code main} in a child JVM with the engine's classes (and {@code extra}) on the class path. */
    private static String runChild(Class<?> main, Path... extra) throws Exception {
        StringBuilder classPath = new StringBuilder()
                .append(Paths.get(EpollEngine.class.getProtectionDomain().getCodeSource().getLocation().toURI()))
                .append(File.pathSeparator)
                .append(Paths.get(EpollAvailabilityTest.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        for (Path path : extra) {
            classPath.append(File.pathSeparator).append(path);
        }
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", classPath.toString(), main.getName())
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS), "child JVM did not finish");
        assertEquals(0, child.exitValue(), output);
        return output;
    }

    /** Main of a child JVM: loads the engine, then tells whether a process was started and JNA's properties. */
    public static final class PrintProcessesAndProperties {
        public static void main(String[] args) {
            Throwable cause = EpollEngine.unavailabilityCause();
            // The JDK starts its "process reaper" thread with the first child process of the JVM.
            boolean reaper = Thread.getAllStackTraces().keySet().stream()
                    .anyMatch(thread -> thread.getName().equals("process reaper"));
            List<String> jnaProperties = System.getProperties().stringPropertyNames().stream()
                    .filter(name -> name.startsWith("jna.") || name.startsWith("jnidispatch."))
                    .sorted().collect(Collectors.toList());
            System.out.println((cause == null ? "available" : cause.getMessage())
                    + ", process reaper thread: " + reaper + ", JNA properties: " + jnaProperties);
        }
    }

    /** Main of the child JVM: prints the cause's message. */
    public static final class PrintCause {
        public static void main(String[] args) {
            Throwable cause = EpollEngine.unavailabilityCause();
            System.out.println(cause == null ? "available" : cause.getMessage());
        }
    }
}
