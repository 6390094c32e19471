package io.tcpshake.jmx;

import io.tcpshake.core.TcpshakeLoggers;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Registers MBeans under tcpshake's names and remembers which {@link JmxOutput} owns each name, per
 * MBeanServer, for this class loader. A name that is already taken is resolved so that registration never
 * fails the caller:
 * <ul>
 *   <li>taken by an <em>older</em> JmxOutput of this class loader (a monitor restarted without closing the
 *       old output): the newer one replaces it, logged; the older one no longer owns the name, so its
 *       {@code close()} leaves the new MBean alone and it never takes the name back;</li>
 *   <li>taken by anything else (another tcpshake agent or application with its own copy of these classes,
 *       or a foreign MBean): left alone, and the caller says so.</li>
 * </ul>
 * Replacing a foreign tcpshake MBean would be wrong: its owner may be alive, and its {@code close()} would
 * then unregister ours.
 */
final class MBeanOwners {
    private static final Logger LOG = TcpshakeLoggers.get("io.tcpshake.jmx");
    private static final Map<MBeanServer, Map<ObjectName, JmxOutput>> OWNERS = new IdentityHashMap<>();

    private MBeanOwners() {
    }

    /**
     * Registers {@code bean} as {@code name} for {@code owner}, replacing an older owner's MBean.
     *
     * @return true when registered (or already {@code owner}'s), false when someone else holds the name
     * @throws JMException or a RuntimeException (such as SecurityException) when the server refuses it
     */
    static boolean register(MBeanServer server, ObjectName name, Object bean, JmxOutput owner) throws JMException {
        synchronized (OWNERS) {
            try {
                server.registerMBean(bean, name);
            } catch (InstanceAlreadyExistsException e) {
                JmxOutput previous = OWNERS.getOrDefault(server, Map.of()).get(name);
                if (previous == owner) {
                    return true;
                }
                if (previous == null || previous.generation() > owner.generation()) {
                    return false;
                }
                server.unregisterMBean(name);
                server.registerMBean(bean, name);
                LOG.log(Level.INFO, () -> "JMX: replaced " + name + " left by an earlier tcpshake monitor "
                        + "in this JVM that was not closed.");
            }
            OWNERS.computeIfAbsent(server, s -> new HashMap<>()).put(name, owner);
            return true;
        }
    }

    /** Whether {@code owner} registered {@code name} and still owns it. */
    static boolean owns(MBeanServer server, ObjectName name, JmxOutput owner) {
        synchronized (OWNERS) {
            Map<ObjectName, JmxOutput> owners = OWNERS.get(server);
            return owners != null && owners.get(name) == owner;
        }
    }

    /** Unregisters {@code name} when {@code owner} still owns it; otherwise leaves it to its owner. */
    static void unregister(MBeanServer server, ObjectName name, JmxOutput owner) {
        synchronized (OWNERS) {
            Map<ObjectName, JmxOutput> owners = OWNERS.get(server);
            if (owners == null || owners.get(name) != owner) {
                return;
            }
            owners.remove(name);
            if (owners.isEmpty()) {
                OWNERS.remove(server);
            }
            try {
                server.unregisterMBean(name);
            } catch (InstanceNotFoundException e) {
                // Someone unregistered it already: the outcome we wanted.
            } catch (JMException | RuntimeException e) {
                LOG.log(Level.WARNING, () -> "JMX: could not unregister " + name + ": " + e, e);
            }
        }
    }
}
