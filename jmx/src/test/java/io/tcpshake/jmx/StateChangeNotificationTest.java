package io.tcpshake.jmx;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tcpshake.core.CheckResult;
import io.tcpshake.core.Errno;
import io.tcpshake.core.Outcome;
import io.tcpshake.core.monitor.LatencySummary;
import io.tcpshake.core.monitor.StateChange;
import io.tcpshake.core.monitor.Target;
import io.tcpshake.core.monitor.TargetSnapshot;
import io.tcpshake.core.monitor.TargetState;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.management.AttributeChangeNotification;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.Notification;
import javax.management.openmbean.CompositeData;
import org.junit.jupiter.api.Test;

/** What a state change sends, from which thread, and that a slow JMX listener holds nothing up. */
class StateChangeNotificationTest {
    private static final InetSocketAddress DB = new InetSocketAddress("127.0.0.1", 5432);

    private final MBeanServer server = MBeanServerFactory.newMBeanServer();
    private final ScriptedMonitor monitor = new ScriptedMonitor();
    private final Target target = Target.builder("127.0.0.1:5432").name("db").build();


    @Test
    void stateChangeIsAnAttributeChangeOnTheTargetAndATcpshakeNotificationOnTheMonitor() throws Exception {
        monitor.put(ScriptedMonitor.unknown(target));
        List<Notification> onTarget = new CopyOnWriteArrayList<>();
        List<Notification> onMonitor = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        try (JmxOutput output = JmxOutput.register(monitor, null, null, server)) {
            server.addNotificationListener(TcpshakeObjectNames.target("db"), (n, handback) -> {
                threads.add(Thread.currentThread().getName());
                onTarget.add(n);
            }, null, null);
            server.addNotificationListener(TcpshakeObjectNames.MONITOR, (n, handback) -> onMonitor.add(n), null, null);

            StateChange change = down(Instant.parse("2026-11-26T10:15:30.250Z"));
            monitor.change(change);

            await().atMost(Duration.ofSeconds(5)).until(() -> onTarget.size() == 1 && onMonitor.size() == 1);
            AttributeChangeNotification attributeChange = (AttributeChangeNotification) onTarget.get(0);
            assertEquals(AttributeChangeNotification.ATTRIBUTE_CHANGE, attributeChange.getType());
            assertEquals("State", attributeChange.getAttributeName());
            assertEquals("java.lang.String", attributeChange.getAttributeType());
            assertEquals("UP", attributeChange.getOldValue());
            assertEquals("DOWN", attributeChange.getNewValue());
            assertEquals(TcpshakeObjectNames.target("db"), attributeChange.getSource());
            assertEquals(change.at().toEpochMilli(), attributeChange.getTimeStamp());
            assertEquals("db UP -> DOWN: 127.0.0.1:5432 REFUSED 0.081ms ECONNREFUSED (Connection refused)",
                    attributeChange.getMessage());

            Notification tcpshake = onMonitor.get(0);
            assertEquals("tcpshake.state.change", tcpshake.getType());
            assertEquals(TcpshakeObjectNames.MONITOR, tcpshake.getSource());
            CompositeData data = (CompositeData) tcpshake.getUserData();
            assertEquals("db", data.get("target"));
            assertEquals("UP", data.get("from"));
            assertEquals("DOWN", data.get("to"));
            assertEquals(Date.from(change.at()), data.get("at"));
            assertEquals("REFUSED", data.get("outcome"));
            assertEquals(Errno.ECONNREFUSED, data.get("errno"));
            assertEquals("ECONNREFUSED", data.get("errnoName"));
            assertEquals("Connection refused", data.get("message"));
            assertEquals("127.0.0.1:5432", data.get("address"));
            assertEquals(data, attributeChange.getUserData());
            assertTrue(threads.get(0).startsWith("tcpshake-jmx"), threads.get(0));
        }
    }

    @Test
    void notificationsRunOnTheGivenExecutorInOrderAndCloseLeavesItRunning() throws Exception {
        monitor.put(ScriptedMonitor.unknown(target));
        ExecutorService given = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "tcpshake-test-notifications");
            thread.setDaemon(true);
            return thread;
        });
        List<String> threads = new CopyOnWriteArrayList<>();
        List<Notification> received = new CopyOnWriteArrayList<>();
        try {
            try (JmxOutput output = JmxOutput.register(monitor, null, null, server, given)) {
                server.addNotificationListener(TcpshakeObjectNames.MONITOR, (n, handback) -> {
                    threads.add(Thread.currentThread().getName());
                    received.add(n);
                }, null, null);
                for (int i = 0; i < 3; i++) {
                    monitor.change(down(Instant.now()));
                }
                await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 3);
            }
            assertEquals(List.of("tcpshake-test-notifications", "tcpshake-test-notifications",
                    "tcpshake-test-notifications"), threads);
            assertTrue(received.get(0).getSequenceNumber() < received.get(1).getSequenceNumber()
                    && received.get(1).getSequenceNumber() < received.get(2).getSequenceNumber(), "in order");
            assertTrue(given.submit(() -> true).get(5, TimeUnit.SECONDS), "close left the caller's executor running");
        } finally {
            given.shutdownNow();
        }
    }

    @Test
    void aSlowJmxListenerDoesNotHoldUpTheMonitorsListenerThread() throws Exception {
        monitor.put(ScriptedMonitor.unknown(target));
        CountDownLatch release = new CountDownLatch(1);
        List<Notification> received = new CopyOnWriteArrayList<>();
        try (JmxOutput output = JmxOutput.register(monitor, null, null, server)) {
            server.addNotificationListener(TcpshakeObjectNames.MONITOR, (n, handback) -> {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                received.add(n);
            }, null, null);

            long start = System.nanoTime();
            for (int i = 0; i < 3; i++) {
                monitor.change(down(Instant.now()));
            }
            long handOverMillis = (System.nanoTime() - start) / 1_000_000;

            assertTrue(handOverMillis < 1000, "the monitor's thread waited " + handOverMillis + " ms");
            release.countDown();
            await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 3);
            assertTrue(received.get(0).getSequenceNumber() < received.get(1).getSequenceNumber());
        }
    }

    private StateChange down(Instant at) {
        CheckResult refused = CheckResult.connectFailed(DB, Errno.ECONNREFUSED, 81_000);
        TargetSnapshot after = ScriptedMonitor.snapshot(target, TargetState.DOWN, at, refused,
                Map.of(Outcome.UP, 5L, Outcome.REFUSED, 3L), 2, LatencySummary.EMPTY);
        return new StateChange(after, TargetState.UP, TargetState.DOWN, at, refused);
    }
}
