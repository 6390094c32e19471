package io.tcpshake.core.internal.raw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tcpshake.core.CheckResult;
import io.tcpshake.core.Checker;
import io.tcpshake.core.EngineChoice;
import io.tcpshake.core.EngineInfo;
import io.tcpshake.core.internal.epoll.EpollEngine;
import io.tcpshake.core.testing.NetRawCapability;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Without CAP_NET_RAW the raw engine, asked for, does not run: the checker says why and checks with the
 * epoll engine instead. Run in a child JVM whose capability bounding set lacks CAP_NET_RAW
 * ({@code setpriv}), as in a container whose security profile drops it.
 */
class RawEngineFallbackTest {
    @Test
    void withoutCapNetRawTheEpollEngineRunsAndSaysWhy() throws Exception {
        RawEngineUnderTest.assumeAvailable(); // so that what the child lacks is the capability alone
        assumeTrue(EpollEngine.unavailabilityCause() == null, "the epoll engine cannot load here");
        assumeTrue(NetRawCapability.canDrop(), "setpriv cannot drop CAP_NET_RAW here (util-linux missing?)");
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(NetRawCapability.DROPPED);
        command.addAll(List.of(java, "-cp", System.getProperty("java.class.path"), WithoutCapNetRaw.class.getName()));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "child JVM did not finish");
        assertEquals(0, child.exitValue(), output);

        assertTrue(output.contains("engine: EPOLL; fallback: raw engine needs CAP_NET_RAW: "
                + "socket(AF_INET, SOCK_RAW, IPPROTO_TCP) failed: Operation not permitted (EPERM)"), output);
        assertTrue(output.contains("check: UP"), output);
    }

    /** Main of the child JVM, without CAP_NET_RAW. */
    public static final class WithoutCapNetRaw {
        public static void main(String[] args) throws Exception {
            try (ServerSocket listener = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
                    Checker checker = Checker.builder().engine(EngineChoice.RAW).build()) {
                checker.start();
                EngineInfo info = checker.engineInfo();
                System.out.println("engine: " + info.kind() + "; fallback: " + info.fallbackReason());
                CheckResult result = checker.checkAsync(
                        new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort()),
                        Duration.ofSeconds(1)).get(10, TimeUnit.SECONDS);
                System.out.println("check: " + result.outcome());
            }
        }
    }
}
