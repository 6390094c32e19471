package io.tcpshake.exporter;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** Start failures are IOExceptions that say what and what to do, and leave nothing running. */
class EndpointStartFailureTest {
    @Test
    void takenPortIsAnIOExceptionNamingPortAndHost() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            IOException error = assertThrows(IOException.class, () -> MetricsEndpoint
                    .builder(new FixedMonitorView(Snapshots.fixed())).host("127.0.0.1").port(port).start());
            assertEquals("port " + port + " on 127.0.0.1 is already in use by another process (or another tcpshake"
                    + " endpoint)", error.getMessage());
        }
    }

    @Test
    void secondEndpointOnTheSamePortFailsAndTheFirstKeepsServing() throws Exception {
        try (MetricsEndpoint first = MetricsEndpoint.builder(new FixedMonitorView(Snapshots.fixed()))
                .host("127.0.0.1").port(0).start()) {
            IOException error = assertThrows(IOException.class, () -> MetricsEndpoint
                    .builder(new FixedMonitorView(Snapshots.fixed())).host("127.0.0.1").port(first.port()).start());
            assertTrue(error.getMessage().contains("already in use"), error.getMessage());
            assertEquals(200, Scrapes.get(first.url()).statusCode());
        }
    }

    @Test
    void hostThatIsNotOnThisMachineIsAClearError() {
        // 192.0.2.1 (TEST-NET-1) is never a local address; binding sends nothing anywhere.
        IOException error = assertThrows(IOException.class, () -> MetricsEndpoint
                .builder(new FixedMonitorView(Snapshots.fixed())).host("192.0.2.1").port(0).start());
        assertTrue(error.getMessage().contains("192.0.2.1"), error.getMessage());
        assertTrue(error.getMessage().contains("address of this machine"), error.getMessage());
    }

    @Test
    void interruptedStartLeavesNothingRunningAndKeepsTheInterrupt() {
        Thread.currentThread().interrupt();
        try {
            assertThrows(InterruptedIOException.class, () -> MetricsEndpoint
                    .builder(new FixedMonitorView(Snapshots.fixed())).host("127.0.0.1").port(0).start());
            assertTrue(Thread.currentThread().isInterrupted(), "the caller's interrupt was swallowed");
        } finally {
            Thread.interrupted();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.isAlive() && t.getName().startsWith("tcpshake-exporter")));
    }

    @Test
    void portOutOfRangeIsAClearError() {
        IOException error = assertThrows(IOException.class, () -> MetricsEndpoint
                .builder(new FixedMonitorView(Snapshots.fixed())).host("127.0.0.1").port(70000).start());
        assertTrue(error.getMessage().contains("70000 is out of range"), error.getMessage());
    }
}
