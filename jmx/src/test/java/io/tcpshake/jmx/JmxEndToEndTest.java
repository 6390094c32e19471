package io.tcpshake.jmx;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tcpshake.core.monitor.Monitor;
import io.tcpshake.core.monitor.Target;
import io.tcpshake.core.testing.LoopbackTargets;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.management.AttributeChangeNotification;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.MBeanServerConnection;
import javax.management.Notification;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXConnectorServerFactory;
import javax.management.remote.JMXServiceURL;
import javax.management.remote.rmi.RMIConnectorServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The MBeans over a real Monitor checking loopback targets, read as users read them: through the platform
 * MBeanServer with MXBean proxies, and remotely through an RMI connector on 127.0.0.1 by a client that
 * knows no tcpshake class (only open types come back).
 */
class JmxEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final MBeanServer platform = ManagementFactory.getPlatformMBeanServer();
    private final LoopbackTargets loopback = new LoopbackTargets();
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private Monitor monitor;
    private InetSocketAddress upAddress;

    @BeforeEach
    void startMonitor() throws IOException {
        upAddress = loopback.upListener(LoopbackTargets.V4).address();
        monitor = Monitor.builder().build();
        monitor.put(fast(Target.builder("127.0.0.1", upAddress.getPort()).name("up")));
        monitor.put(fast(Target.builder("127.0.0.1", loopback.refusedAddress(LoopbackTargets.V4).getPort())
                .name("refused").label("tier", "db")));
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        monitor.close();
        loopback.close();
    }

    @Test
    void platformMBeanServerProxiesShowTheLiveMonitor() throws Exception {
        JmxOutput output = register();
        monitor.start();
        MonitorMXBean view = JMX.newMXBeanProxy(platform, TcpshakeObjectNames.MONITOR, MonitorMXBean.class);
        TargetMXBean up = JMX.newMXBeanProxy(platform, TcpshakeObjectNames.target("up"), TargetMXBean.class);
        TargetMXBean refused = JMX.newMXBeanProxy(platform, TcpshakeObjectNames.target("refused"),
                TargetMXBean.class);

        await().atMost(WAIT).until(() -> up.getChecks() >= 3 && refused.getChecks() >= 3);

        assertEquals("UP", up.getState());
        assertEquals("UP", up.getLastOutcome());
        assertEquals("OK", up.getLastErrnoName());
        assertEquals("127.0.0.1:" + upAddress.getPort(), up.getLastAddress());
        assertTrue(up.getLatencyMeanMillis() > 0);
        assertEquals(0, up.getFailures());
        assertEquals("DOWN", refused.getState());
        assertEquals("ECONNREFUSED", refused.getLastErrnoName());
        assertEquals("Connection refused", refused.getLastErrnoText());
        assertEquals(refused.getChecks(), (long) refused.getChecksByOutcome().get("REFUSED"));
        assertEquals(Map.of("tier", "db"), refused.getLabels());
        assertEquals(2, view.getTargetCount());
        assertEquals(1, view.getUpCount());
        assertEquals(1, view.getDownCount());
        assertTrue(view.getChecksTotal() >= 6);
        assertEquals(monitor.engineInfo().toString(), view.getEngine());
        await().atMost(WAIT).until(() -> view.getChecksPerSecond() > 0);
        assertTrue(view.checkNow("up").startsWith("127.0.0.1:" + upAddress.getPort() + " UP "));
        assertTrue(up.checkNow().contains(" UP "));

        output.close();
        assertFalse(platform.isRegistered(TcpshakeObjectNames.MONITOR));
        assertTrue(platform.queryNames(TcpshakeObjectNames.ALL_TARGETS, null).isEmpty());
    }

    @Test
    void reloadingTheTargetsRegistersNewMBeansAndUnregistersRemovedOnes() throws Exception {
        register();
        monitor.start();
        Target added = fast(Target.builder("127.0.0.1", upAddress.getPort()).name("added"));
        Target kept = monitor.targets().get(0);

        monitor.replaceAll(List.of(kept, added));

        await().atMost(WAIT).until(() -> platform.queryNames(TcpshakeObjectNames.ALL_TARGETS, null)
                .equals(java.util.Set.of(TcpshakeObjectNames.target("up"), TcpshakeObjectNames.target("added"))));
        TargetMXBean proxy = JMX.newMXBeanProxy(platform, TcpshakeObjectNames.target("added"), TargetMXBean.class);
        await().atMost(WAIT).until(() -> "UP".equals(proxy.getState()));
    }

    @Test
    void remoteClientWithoutTcpshakeClassesReadsOpenTypesAndInvokesOperations() throws Exception {
        register();
        monitor.start();
        MBeanServerConnection remote = connectRemotely();
        ObjectName upName = new ObjectName("io.tcpshake:type=Target,name=\"up\"");
        ObjectName refusedName = new ObjectName("io.tcpshake:type=Target,name=\"refused\"");
        ObjectName monitorName = new ObjectName("io.tcpshake:type=Monitor");

        await().atMost(WAIT).until(() -> (Long) remote.getAttribute(refusedName, "Checks") >= 2
                && "UP".equals(remote.getAttribute(upName, "State")));

        assertEquals("DOWN", remote.getAttribute(refusedName, "State"));
        assertTrue(remote.getAttribute(refusedName, "StateSince") instanceof Date);
        assertEquals(111, remote.getAttribute(refusedName, "LastErrno"));
        TabularData byOutcome = (TabularData) remote.getAttribute(refusedName, "ChecksByOutcome");
        CompositeData refusedRow = byOutcome.get(new Object[] {"REFUSED"});
        assertTrue((Long) refusedRow.get("value") >= 2);
        assertEquals(0L, byOutcome.get(new Object[] {"UP"}).get("value"));
        assertEquals(6, byOutcome.size());
        TabularData labels = (TabularData) remote.getAttribute(refusedName, "Labels");
        assertEquals("db", labels.get(new Object[] {"tier"}).get("value"));
        assertTrue(remote.getAttribute(upName, "LatencyMeanMillis") instanceof Double);
        assertEquals(2, remote.getAttribute(monitorName, "TargetCount"));
        assertTrue((Long) remote.getAttribute(monitorName, "ChecksTotal") >= 2);
        String[] names = (String[]) remote.getAttribute(monitorName, "TargetNames");
        assertEquals(List.of("up", "refused"), List.of(names));
        assertEquals("no configuration file", remote.invoke(monitorName, "reload", new Object[0], new String[0]));
        String checked = (String) remote.invoke(monitorName, "checkNow", new Object[] {"refused"},
                new String[] {String.class.getName()});
        assertTrue(checked.contains(" REFUSED ") && checked.contains("ECONNREFUSED"), checked);
    }

    @Test
    void targetGoingDownAndUpIsNotifiedLocallyAndRemotely() throws Exception {
        ServerSocket flapping = new ServerSocket(0, 50, LoopbackTargets.V4);
        int port = flapping.getLocalPort();
        monitor.put(fast(Target.builder("127.0.0.1", port).name("flapping")));
        register();
        List<Notification> remoteNotifications = new CopyOnWriteArrayList<>();
        List<Notification> targetNotifications = new CopyOnWriteArrayList<>();
        MBeanServerConnection remote = connectRemotely();
        NotificationListener remoteListener = (n, handback) -> remoteNotifications.add(n);
        remote.addNotificationListener(new ObjectName("io.tcpshake:type=Monitor"), remoteListener, null, null);
        platform.addNotificationListener(TcpshakeObjectNames.target("flapping"), (n, h) -> targetNotifications.add(n),
                null, null);

        monitor.start();
        await().atMost(WAIT).until(() -> transitions(targetNotifications).contains("UNKNOWN->UP"));
        flapping.close();
        await().atMost(WAIT).until(() -> transitions(targetNotifications).contains("UP->DOWN"));
        ServerSocket back = new ServerSocket(port, 50, LoopbackTargets.V4);
        toClose.add(back);
        await().atMost(WAIT).until(() -> transitions(targetNotifications).contains("DOWN->UP"));

        assertEquals(List.of("UNKNOWN->UP", "UP->DOWN", "DOWN->UP"), transitions(targetNotifications));
        AttributeChangeNotification down = (AttributeChangeNotification) targetNotifications.get(1);
        assertEquals("State", down.getAttributeName());
        assertEquals("REFUSED", ((CompositeData) down.getUserData()).get("outcome"));

        // Remote notifications are fetched by the client: wait for them, then keep only this target's.
        await().atMost(WAIT).until(() -> remoteTransitions(remoteNotifications, "flapping").size() >= 3);
        assertEquals(List.of("UNKNOWN->UP", "UP->DOWN", "DOWN->UP"), remoteTransitions(remoteNotifications, "flapping"));
        Notification remoteDown = remoteNotifications.stream()
                .filter(n -> "flapping".equals(((CompositeData) n.getUserData()).get("target"))).skip(1)
                .findFirst().get();
        assertEquals("tcpshake.state.change", remoteDown.getType());
        CompositeData data = (CompositeData) remoteDown.getUserData();
        assertEquals("ECONNREFUSED", data.get("errnoName"));
        assertEquals("127.0.0.1:" + port, data.get("address"));
    }

    private JmxOutput register() {
        JmxOutput output = JmxOutput.register(monitor, null, null, platform);
        toClose.add(output);
        return output;
    }

    /** An RMI connector on 127.0.0.1 (any free port) and a generic client connected to it. */
    private MBeanServerConnection connectRemotely() throws IOException {
        Map<String, Object> environment = new HashMap<>();
        environment.put(RMIConnectorServer.RMI_SERVER_SOCKET_FACTORY_ATTRIBUTE,
                (java.rmi.server.RMIServerSocketFactory) port -> new ServerSocket(port, 50, LoopbackTargets.V4));
        JMXConnectorServer server = JMXConnectorServerFactory.newJMXConnectorServer(
                new JMXServiceURL("service:jmx:rmi://127.0.0.1:0"), environment, platform);
        server.start();
        toClose.add(server::stop);
        JMXConnector client = JMXConnectorFactory.connect(server.getAddress());
        toClose.add(client);
        return client.getMBeanServerConnection();
    }

    private static Target fast(Target.Builder builder) {
        return builder.interval(Duration.ofMillis(100)).timeout(Duration.ofMillis(500)).rise(1).fall(1)
                .initialDelay(Duration.ZERO).jitter(0).build();
    }

    private static List<String> transitions(List<Notification> notifications) {
        List<String> result = new ArrayList<>();
        for (Notification n : notifications) {
            AttributeChangeNotification change = (AttributeChangeNotification) n;
            result.add(change.getOldValue() + "->" + change.getNewValue());
        }
        return result;
    }

    private static List<String> remoteTransitions(List<Notification> notifications, String target) {
        List<String> result = new ArrayList<>();
        for (Notification n : notifications) {
            CompositeData data = (CompositeData) n.getUserData();
            if (target.equals(data.get("target"))) {
                result.add(data.get("from") + "->" + data.get("to"));
            }
        }
        return result;
    }
}
