package io.tcpshake.agent.cli;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import io.tcpshake.agent.cli.Attacher.AttachFailedException;
import java.io.IOException;
import java.nio.file.Path;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/** The calls into {@code com.sun.tools.attach}; loaded only where module {@code jdk.attach} exists. */
final class JdkAttachApi {
    private JdkAttachApi() {
    }

    static void loadInto(long pid, Path agentJar, String agentArgs) throws AttachFailedException {
        VirtualMachine vm;
        try {
            vm = VirtualMachine.attach(String.valueOf(pid));
        } catch (AttachNotSupportedException | IOException e) {
            throw new AttachFailedException("cannot attach to JVM " + pid + ": " + e.getMessage() + ". Attaching"
                    + " needs a HotSpot JVM of the same user as this command (as root too: run it as that JVM's"
                    + " user, e.g. sudo -u <user>), started without -XX:+DisableAttachMechanism; a JVM in a"
                    + " container is attached to from inside that container", e);
        }
        try {
            if (tcpshakeRunsIn(vm)) {
                throw new Attacher.AlreadyRunningException("tcpshake already runs in JVM " + pid + " (its"
                        + " io.tcpshake:type=Monitor MBean is registered); nothing loaded. To change its targets,"
                        + " edit its targets.yaml: it is reloaded");
            }
            vm.loadAgent(agentJar.toString(), agentArgs);
        } catch (AgentLoadException | AgentInitializationException e) {
            throw new AttachFailedException("JVM " + pid + " could not load " + agentJar + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new AttachFailedException("loading " + agentJar + " into JVM " + pid + " failed: " + e.getMessage()
                    + " (a JVM older than Java 11, or one that exited meanwhile?)", e);
        } finally {
            try {
                vm.detach();
            } catch (IOException e) {
                // detaching failed: the agent is loaded; nothing to tell the user
            }
        }
    }

    /**
     * Whether tcpshake already runs in the attached JVM, as its Monitor MBean shows, read through the JVM's
     * local management agent (started if needed, as JConsole does). False when that cannot be told (JMX
     * output off, a JVM without management): the agent then sees itself that it runs and says so in its log.
     */
    private static boolean tcpshakeRunsIn(VirtualMachine vm) {
        try {
            JMXServiceURL url = new JMXServiceURL(vm.startLocalManagementAgent());
            try (JMXConnector connector = JMXConnectorFactory.connect(url)) {
                return connector.getMBeanServerConnection().isRegistered(new ObjectName("io.tcpshake:type=Monitor"));
            }
        } catch (IOException | RuntimeException | MalformedObjectNameException e) {
            return false;
        }
    }
}
