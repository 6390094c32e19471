package io.tcpshake.agent.discovery;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tcpshake.core.monitor.TargetSettings;
import io.tcpshake.core.Checker;
import io.tcpshake.core.discovery.OutboundConnections;
import io.tcpshake.core.monitor.MonitorSnapshot;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Discovery where this JVM's sockets cannot be read: it turns itself off and says why. */
class DiscoveryTest {
    @TempDir
    Path dir;

    @Test
    void aScanThatCannotReadTheSocketsTurnsDiscoveryOffWithTheReason() throws Exception {
        AtomicInteger changes = new AtomicInteger();
        List<String> log = new CopyOnWriteArrayList<>();
        Discovery.Host host = new Discovery.Host() {
            @Override
            public MonitorSnapshot snapshot() {
                return new MonitorSnapshot(Instant.now(), List.of(), 0, 0);
            }

            @Override
            public void discoveredChanged() {
                changes.incrementAndGet();
            }

            @Override
            public void log(System.Logger.Level level, String message) {
                log.add(level + " " + message);
            }
        };
        try (Checker checker = Checker.builder().build();
                Discovery discovery = new Discovery(() -> checker, OutboundConnections.of(dir.resolve("no-proc")),
                        dir.resolve("hosts"), Clock.systemUTC(), host)) {
            checker.start();

            discovery.configure(new DiscoverySettings(true, Duration.ofMillis(100), EndpointFilter.ALL, 100,
                    Duration.ofMinutes(10), TargetSettings.DEFAULTS));

            await().atMost(Duration.ofSeconds(10)).until(() -> discovery.state().startsWith("off: "));
            assertEquals("off: cannot read this JVM's sockets (no " + dir.resolve("no-proc/fd") + ")",
                    discovery.state());
            assertEquals(List.of(), discovery.targets());
            assertEquals(Map.of(), discovery.lastSeen());
            assertEquals(0, changes.get(), "nothing was discovered, so nothing to apply");
            assertEquals(List.of("WARNING tcpshake: discovery is off: cannot read this JVM's sockets (no "
                    + dir.resolve("no-proc/fd") + "); it needs Linux and a readable /proc/self (fd, net/tcp, net/tcp6). "
                    + "The targets of the file are checked as before."), log);
            assertTrue(checker.isReady(), "the checker runs on");
        }
    }
}
