package io.tcpshake.jmx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tcpshake.core.monitor.Target;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.management.AttributeChangeNotification;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanNotificationInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import javax.management.openmbean.ArrayType;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.SimpleType;
import javax.management.openmbean.TabularType;
import org.junit.jupiter.api.Test;

/**
 * What JConsole and VisualVM show, without a screenshot: the MBean names (the tree), every attribute
 * with its open type (the Attributes tab), the operations and the notifications. A change here is a
 * change users see.
 */
class JConsoleViewTest {
    private final MBeanServer server = MBeanServerFactory.newMBeanServer();
    private final ScriptedMonitor monitor = new ScriptedMonitor();


    @Test
    void monitorMBeanShowsTheseAttributesOperationsAndNotifications() throws Exception {
        try (JmxOutput output = JmxOutput.register(monitor, null, null, server)) {
            MBeanInfo info = server.getMBeanInfo(new ObjectName("io.tcpshake:type=Monitor"));

            Map<String, OpenType<?>> expected = new TreeMap<>();
            expected.put("Engine", SimpleType.STRING);
            expected.put("EngineKind", SimpleType.STRING);
            expected.put("EngineFallbackReason", SimpleType.STRING);
            expected.put("TargetCount", SimpleType.INTEGER);
            expected.put("TargetNames", ArrayType.getArrayType(SimpleType.STRING));
            expected.put("UpCount", SimpleType.INTEGER);
            expected.put("DownCount", SimpleType.INTEGER);
            expected.put("UnknownCount", SimpleType.INTEGER);
            expected.put("ChecksPerSecond", SimpleType.DOUBLE);
            expected.put("ChecksInFlight", SimpleType.INTEGER);
            expected.put("ChecksTotal", SimpleType.LONG);
            expected.put("ConfigFile", SimpleType.STRING);
            expected.put("LastReloadSuccess", SimpleType.BOOLEAN);
            expected.put("LastReloadTime", SimpleType.DATE);
            expected.put("LastReloadErrors", ArrayType.getArrayType(SimpleType.STRING));
            expected.put("MetricsUrl", SimpleType.STRING);
            assertEquals(expected, openTypes(info));
            assertReadOnly(info);

            assertEquals("checkNow(java.lang.String) -> java.lang.String, reload() -> java.lang.String",
                    operations(info));
            MBeanNotificationInfo notifications = single(info.getNotifications());
            assertArrayEquals(new String[] {"tcpshake.state.change"}, notifications.getNotifTypes());
        }
    }

    @Test
    void targetMBeanShowsTheseAttributesOperationsAndNotifications() throws Exception {
        monitor.put(ScriptedMonitor.unknown(Target.builder("[::1]:5432").name("[::1]:5432").label("tier", "db").build()));
        try (JmxOutput output = JmxOutput.register(monitor, null, null, server)) {
            assertEquals("[io.tcpshake:type=Monitor, io.tcpshake:type=Target,name=\"[::1]:5432\"]",
                    server.queryNames(new ObjectName("io.tcpshake:*"), null).stream().map(ObjectName::toString)
                            .sorted().collect(Collectors.toList()).toString());
            MBeanInfo info = server.getMBeanInfo(new ObjectName("io.tcpshake:type=Target,name=\"[::1]:5432\""));

            Map<String, OpenType<?>> types = openTypes(info);
            TabularType checksByOutcome = (TabularType) types.remove("ChecksByOutcome");
            assertEquals(SimpleType.STRING, checksByOutcome.getRowType().getType("key"));
            assertEquals(SimpleType.LONG, checksByOutcome.getRowType().getType("value"));
            TabularType addressStates = (TabularType) types.remove("AddressStates");
            assertEquals(SimpleType.STRING, addressStates.getRowType().getType("value"));
            TabularType labels = (TabularType) types.remove("Labels");
            assertEquals(SimpleType.STRING, labels.getRowType().getType("key"));
            assertEquals(SimpleType.STRING, labels.getRowType().getType("value"));

            Map<String, OpenType<?>> expected = new TreeMap<>();
            for (String name : new String[] {"Name", "Address", "State", "StateReason", "LastOutcome",
                    "LastErrnoName", "LastErrnoText", "LastAddress", "AddressPolicy"}) {
                expected.put(name, SimpleType.STRING);
            }
            for (String name : new String[] {"StateSince", "LastCheckTime"}) {
                expected.put(name, SimpleType.DATE);
            }
            for (String name : new String[] {"SecondsInState", "Checks", "Failures", "StateChanges", "LatencyCount",
                    "IntervalMillis", "FastIntervalMillis", "DownIntervalMillis", "TimeoutMillis"}) {
                expected.put(name, SimpleType.LONG);
            }
            for (String name : new String[] {"Consecutive", "LastErrno", "Rise", "Fall"}) {
                expected.put(name, SimpleType.INTEGER);
            }
            for (String name : new String[] {"LastLatencyMillis", "LatencyLastMillis", "LatencyMinMillis",
                    "LatencyMaxMillis", "LatencyMeanMillis"}) {
                expected.put(name, SimpleType.DOUBLE);
            }
            expected.put("Critical", SimpleType.BOOLEAN);
            assertEquals(expected, types);
            assertReadOnly(info);

            assertEquals("checkNow() -> java.lang.String", operations(info));
            MBeanNotificationInfo notifications = single(info.getNotifications());
            assertArrayEquals(new String[] {AttributeChangeNotification.ATTRIBUTE_CHANGE},
                    notifications.getNotifTypes());
        }
    }

    private static Map<String, OpenType<?>> openTypes(MBeanInfo info) {
        Map<String, OpenType<?>> types = new TreeMap<>();
        for (MBeanAttributeInfo attribute : info.getAttributes()) {
            types.put(attribute.getName(), (OpenType<?>) attribute.getDescriptor().getFieldValue("openType"));
        }
        return types;
    }

    private static void assertReadOnly(MBeanInfo info) {
        for (MBeanAttributeInfo attribute : info.getAttributes()) {
            assertTrue(attribute.isReadable(), attribute.getName());
            assertFalse(attribute.isWritable(), attribute.getName());
        }
    }

    private static String operations(MBeanInfo info) {
        return Arrays.stream(info.getOperations()).map(JConsoleViewTest::signature).sorted()
                .collect(Collectors.joining(", "));
    }

    private static String signature(MBeanOperationInfo operation) {
        return operation.getName() + Arrays.stream(operation.getSignature()).map(p -> p.getType())
                .collect(Collectors.joining(",", "(", ")")) + " -> " + operation.getReturnType();
    }

    private static <T> T single(T[] values) {
        assertEquals(1, values.length, Arrays.toString(values));
        return values[0];
    }
}
