package io.tcpshake.jmx;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tcpshake.core.monitor.Target;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Set;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import org.junit.jupiter.api.Test;

/** Which MBeans exist when: at start, as targets come and go, on close, and when a name is taken. */
class MBeanRegistrationTest {
    private final MBeanServer server = MBeanServerFactory.newMBeanServer();
    private final ScriptedMonitor monitor = new ScriptedMonitor();


    @Test
    void registersTheMonitorAndOneMBeanPerTargetWithQuotedNames() throws Exception {
        monitor.put(ScriptedMonitor.unknown(Target.builder("127.0.0.1:5432").name("db").build()));
        monitor.put(ScriptedMonitor.unknown(Target.builder("[::1]:6379").name("[::1]:6379").build()));
        monitor.put(ScriptedMonitor.unknown(Target.builder("127.0.0.1:80").name("web, \"public\" *").build()));

        try (JmxOutput output = JmxOutput.register(monitor, null, null, server)) {
            assertEquals(Set.of(TcpshakeObjectNames.MONITOR, TcpshakeObjectNames.target("db"),
                    TcpshakeObjectNames.target("[::1]:6379"), TcpshakeObjectNames.target("web, \"public\" *")),
                    server.queryNames(new ObjectName("io.tcpshake:*"), null));
            assertEquals("io.tcpshake:type=Target,name=\"[::1]:6379\"",
                    TcpshakeObjectNames.target("[::1]:6379").toString());
            assertEquals(output.registeredNames(), server.queryNames(new ObjectName("io.tcpshake:*"), null));
            TargetMXBean odd = JMX.newMXBeanProxy(server, TcpshakeObjectNames.target("web, \"public\" *"),
                    TargetMXBean.class);
            assertEquals("web, \"public\" *", odd.getName());
        }
    }

    @Test
    void targetsAddedAndRemovedLaterRegisterAndUnregisterTheirMBeans() throws Exception {
        monitor.put(ScriptedMonitor.unknown(Target.builder("127.0.0.1:1").name("kept").build()));
        try (JmxOutput output = JmxOutput.register(monitor, null, null, server)) {
            monitor.put(ScriptedMonitor.unknown(Target.builder("127.0.0.1:2").name("added").build()));
            await().atMost(Duration.ofSeconds(5)).until(() -> server.isRegistered(TcpshakeObjectNames.target("added")));

            monitor.remove("kept");
            await().atMost(Duration.ofSeconds(5)).until(() -> !server.isRegistered(TcpshakeObjectNames.target("kept")));

            // A changed target keeps its MBean, which shows the new configuration.
            monitor.put(ScriptedMonitor.unknown(Target.builder("127.0.0.1:2").name("added")
                    .interval(Duration.ofSeconds(3)).build()));
            TargetMXBean added = JMX.newMXBeanProxy(server, TcpshakeObjectNames.target("added"), TargetMXBean.class);
            await().atMost(Duration.ofSeconds(5)).until(() -> added.getIntervalMillis() == 3000);
            assertEquals(Set.of(TcpshakeObjectNames.MONITOR, TcpshakeObjectNames.target("added")),
                    server.queryNames(new ObjectName("io.tcpshake:*"), null));
        }
    }

    @Test
    void closeUnregistersEverythingAndStopsListening() throws Exception {
        monitor.put(ScriptedMonitor.unknown(Target.builder("127.0.0.1:1").name("a").build()));
        JmxOutput output = JmxOutput.register(monitor, null, null, server);
        assertEquals(1, monitor.listenerCount());

        output.close();
        output.close();

        assertEquals(Set.of(), server.queryNames(new ObjectName("io.tcpshake:*"), null));
        assertEquals(0, monitor.listenerCount());
        monitor.put(ScriptedMonitor.unknown(Target.builder("127.0.0.1:2").name("late").build()));
        assertFalse(server.isRegistered(TcpshakeObjectNames.target("late")));
    }

    @Test
    void aNewerOutputReplacesAnUnclosedEarlierOneAndTheEarlierCloseLeavesItAlone() throws Exception {
        monitor.put(ScriptedMonitor.unknown(Target.builder("127.0.0.1:1").name("a").build()));
        JmxOutput earlier = JmxOutput.register(monitor, null, null, server);
        ScriptedMonitor restarted = new ScriptedMonitor();
        restarted.put(ScriptedMonitor.unknown(Target.builder("127.0.0.1:1").name("a").build()));
        restarted.totals(0, 42);

        try (JmxOutput later = JmxOutput.register(restarted, null, null, server)) {
            MonitorMXBean view = JMX.newMXBeanProxy(server, TcpshakeObjectNames.MONITOR, MonitorMXBean.class);
            assertEquals(42, view.getChecksTotal());
            assertEquals(Set.of(TcpshakeObjectNames.MONITOR, TcpshakeObjectNames.target("a")), later.registeredNames());
            assertEquals(Set.of(), earlier.registeredNames());

            // The earlier one hears a new target but does not take names from the newer one.
            monitor.put(ScriptedMonitor.unknown(Target.builder("127.0.0.1:2").name("b").build()));
            await().atMost(Duration.ofSeconds(5)).until(() -> earlier.registeredNames().size() == 1);
            earlier.close();

            assertTrue(server.isRegistered(TcpshakeObjectNames.MONITOR));
            assertTrue(server.isRegistered(TcpshakeObjectNames.target("a")));
            assertFalse(server.isRegistered(TcpshakeObjectNames.target("b")));
            assertEquals(42, view.getChecksTotal());
        }
        assertEquals(Set.of(), server.queryNames(new ObjectName("io.tcpshake:*"), null));
    }

    @Test
    void aNameTakenByAnotherLibraryOrAgentIsSkippedNotReplaced() throws Exception {
        ObjectName taken = TcpshakeObjectNames.target("a");
        server.registerMBean(new StandardMBean(new Foreign(), ForeignMBean.class), TcpshakeObjectNames.MONITOR);
        server.registerMBean(new StandardMBean(new Foreign(), ForeignMBean.class), taken);
        monitor.put(ScriptedMonitor.unknown(Target.builder("127.0.0.1:1").name("a").build()));
        monitor.put(ScriptedMonitor.unknown(Target.builder("127.0.0.1:2").name("b").build()));

        try (JmxOutput output = JmxOutput.register(monitor, null, null, server)) {
            assertEquals(Set.of(TcpshakeObjectNames.target("b")), output.registeredNames());
            assertEquals("foreign", server.getAttribute(TcpshakeObjectNames.MONITOR, "Owner"));
            assertEquals("foreign", server.getAttribute(taken, "Owner"));
        }
        assertTrue(server.isRegistered(TcpshakeObjectNames.MONITOR));
        assertTrue(server.isRegistered(taken));
        assertFalse(server.isRegistered(TcpshakeObjectNames.target("b")));
    }

    @Test
    void aServerThatRefusesEveryRegistrationDoesNotFailTheCaller() {
        monitor.put(ScriptedMonitor.unknown(Target.builder("127.0.0.1:1").name("a").build()));
        MBeanServer refusing = (MBeanServer) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {MBeanServer.class}, (proxy, method, args) -> {
                    throw new SecurityException("MBean registration denied by policy (" + method.getName() + ")");
                });

        try (JmxOutput output = JmxOutput.register(monitor, null, null, refusing)) {
            assertEquals(Set.of(), output.registeredNames());
            monitor.put(ScriptedMonitor.unknown(Target.builder("127.0.0.1:2").name("b").build()));
            assertEquals(Set.of(), output.registeredNames());
        }
        assertEquals(0, monitor.listenerCount());
    }

    /** Stands for an MBean registered by another tcpshake copy or an unrelated library. */
    public interface ForeignMBean {
        String getOwner();
    }

    static final class Foreign implements ForeignMBean {
        @Override
        public String getOwner() {
            return "foreign";
        }
    }
}
