package io.tcpshake.agent;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tcpshake.agent.hostapp.HostApp;
import io.tcpshake.core.testing.LoopbackTargets;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Discovery in a child JVM running {@link HostApp}: the app holds connections to loopback listeners this
 * test runs (a database, a cache...) and has clients of its own; the agent, with no targets file, finds the
 * first and checks them, and leaves the rest alone.
 */
class DiscoveryIT {
    private static final Pattern UP = Pattern.compile(
            "(?m)^tcpshake_target_up\\{target=\"([^\"]+)\",source=\"discovered\"[^}]*\\} (\\S+)$");
    private static final Pattern LISTENING = Pattern.compile("hostapp: listening on 127\\.0\\.0\\.1:(\\d+)");
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** Fast checks and scans, so that the test waits seconds, not minutes. */
    private static final String FAST = "discovery.interval=300ms,discovery.defaults.interval=200ms,"
            + "discovery.defaults.timeout=150ms,discovery.defaults.rise=1,discovery.defaults.fall=1";

    @TempDir
    Path dir;
    private final List<Service> services = new ArrayList<>();
    private final List<Socket> clients = new ArrayList<>();

    @AfterEach
    void closeAll() throws IOException {
        for (Socket client : clients) {
            client.close();
        }
        for (Service service : services) {
            service.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tcpshake.agent.AgentIT#javaHomes")
    void theApplicationsDependenciesAreCheckedAndItsOwnClientsAreNot(String javaHome) throws Exception {
        Service database = service(LoopbackTargets.V4);
        Service cache = service(LoopbackTargets.V4);
        Service broker = service(LoopbackTargets.V4);
        String agent = "-javaagent:" + ChildJvm.agentJar() + "=port=0," + FAST + ",discovery.forget_after=2s";
        try (ChildJvm child = ChildJvm.start(ChildJvm.javaOf(javaHome), List.of(agent))) {
            child.awaitOutput("hostapp: ready");
            String start = child.awaitOutput("tcpshake: no targets file given: checking the endpoints this JVM "
                    + "connects to (discovery every 300ms)");
            String metricsUrl = AgentIT.metricsUrl(start);
            int exporterPort = Integer.parseInt(metricsUrl.replaceAll(".*:(\\d+)/metrics", "$1"));
            child.send("listen");
            Matcher listening = LISTENING.matcher(child.awaitOutput("hostapp: listening on"));
            assertTrue(listening.find());
            int ownPort = Integer.parseInt(listening.group(1));
            clients.add(new Socket(LoopbackTargets.V4, ownPort));
            clients.add(new Socket(LoopbackTargets.V4, ownPort));
            for (Service service : List.of(database, cache, cache, broker)) {
                child.send("connect 127.0.0.1:" + service.port());
                child.awaitOutput("hostapp: connected to 127.0.0.1:" + service.port());
            }

            // Within one discovery interval (and a check) of the connections: three targets, UP.
            await().atMost(WAIT).untilAsserted(() -> assertEquals(
                    Map.of(database.port(), 1.0, cache.port(), 1.0, broker.port(), 1.0),
                    upByPort(AgentIT.scrape(metricsUrl))));
            String metrics = AgentIT.scrape(metricsUrl);
            Set<Integer> ports = upByPort(metrics).keySet();
            assertFalse(ports.contains(ownPort), "the app's own clients are not its dependencies");
            assertFalse(ports.contains(exporterPort), "the exporter's scrapes are not dependencies");
            assertFalse(metrics.contains("source=\"file\""), "no file, so no file target:\n" + metrics);
            assertEquals(3, count(child.output(), "tcpshake: discovered a dependency: "),
                    "each new dependency is logged once: " + child.output());
            assertTrue(child.output().contains("(127.0.0.1:" + cache.port() + "), checking it every 200ms"),
                    child.output());
            String status = AgentIT.scrape(metricsUrl.replace("/metrics", "/status.json"));
            assertTrue(status.contains("\"source\":\"discovered\",\"last_seen_connected\":\"20"), status);
            assertTrue(AgentIT.scrape(metricsUrl.replace("/metrics", "/")).contains("discovered, last seen connected"));

            try (JMXConnector jmx = JMXConnectorFactory.connect(
                    new JMXServiceURL(AgentIT.localJmxUrl(child.pid())))) {
                MBeanServerConnection server = jmx.getMBeanServerConnection();
                ObjectName monitor = new ObjectName("io.tcpshake:type=Monitor");
                assertTrue(((String) server.getAttribute(monitor, "Discovery")).startsWith("on: every 300ms, 3 targets"),
                        (String) server.getAttribute(monitor, "Discovery"));
                Map<Integer, Object> lastSeen = byPort((TabularData) server.getAttribute(monitor, "DiscoveredTargets"));
                assertEquals(Set.of(database.port(), cache.port(), broker.port()), lastSeen.keySet());
                String cacheName = nameWithPort(metrics, cache.port());
                assertEquals("discovered", server.getAttribute(targetBean(cacheName), "Source"));

                // The checks are half-open: the services accepted the application's connections and no more.
                await().atMost(WAIT).until(() -> checks(AgentIT.scrape(metricsUrl), cacheName) >= 5);
                assertEquals(1, database.accepted());
                assertEquals(2, cache.accepted());
                assertEquals(1, broker.accepted());

                // The cache stops (its connections die) and the app closes its broker connection.
                String brokerName = nameWithPort(metrics, broker.port());
                cache.close();
                child.send("disconnect 127.0.0.1:" + broker.port());
                child.awaitOutput("hostapp: disconnected from 127.0.0.1:" + broker.port());

                // The broker is UP and no longer connected: dropped after forget_after, with its series and MBean.
                await().atMost(WAIT).untilAsserted(() -> assertEquals(
                        Map.of(database.port(), 1.0, cache.port(), 0.0), upByPort(AgentIT.scrape(metricsUrl))));
                assertFalse(AgentIT.scrape(metricsUrl).contains("target=\"" + brokerName + "\""));
                assertFalse(server.isRegistered(targetBean(brokerName)), "the broker's MBean went with it");
                assertTrue(child.output().contains("tcpshake: no longer checking the discovered dependency "
                        + brokerName + " (127.0.0.1:" + broker.port() + "): not connected since"), child.output());
                // The cache is DOWN: it stays, though not connected for as long as the broker.
                assertTrue(server.isRegistered(targetBean(cacheName)));
                assertEquals("DOWN", server.getAttribute(targetBean(cacheName), "State"));
            }
            assertEquals(HostApp.EXIT_STATUS, child.exit(), child.output());
        }
    }

    @Test
    void fileTargetsExcludedPortsAndMaxTargetsAreHonouredAndIpv6IsFound() throws Exception {
        Service fileChecked = service(LoopbackTargets.V4);
        Service excluded = service(LoopbackTargets.V4);
        Service ipv6 = service(LoopbackTargets.V6);
        Service second = service(LoopbackTargets.V4);
        Service third = service(LoopbackTargets.V4);
        Path targets = Files.writeString(dir.resolve("targets.yaml"), "defaults: {interval: 200ms, timeout: 150ms, "
                + "rise: 1, fall: 1}\nexporter: {port: 0}\njmx: {enabled: false}\njfr: {enabled: false}\n"
                + "targets:\n  - {name: database, address: \"127.0.0.1:" + fileChecked.port() + "\"}\n"
                + "discovery:\n  interval: 300ms\n  exclude: [\"" + excluded.port() + "\"]\n  max_targets: 2\n");
        try (ChildJvm child = ChildJvm.start(ChildJvm.javaOf(System.getProperty("java.home")),
                List.of("-javaagent:" + ChildJvm.agentJar() + "=" + targets))) {
            String metricsUrl = AgentIT.metricsUrl(child.awaitOutput("tcpshake: monitoring 1 targets from "));
            assertTrue(child.output().contains("discovery every 300ms"), child.output());
            child.send("connect 127.0.0.1:" + fileChecked.port());
            child.send("connect 127.0.0.1:" + excluded.port());
            child.send("connect [::1]:" + ipv6.port());
            child.awaitOutput("hostapp: connected to [::1]:" + ipv6.port());

            await().atMost(WAIT).untilAsserted(() -> assertEquals(Map.of(ipv6.port(), 1.0),
                    upByPort(AgentIT.scrape(metricsUrl))));
            String metrics = AgentIT.scrape(metricsUrl);
            assertTrue(metrics.contains("tcpshake_target_up{target=\"database\",source=\"file\",} 1.0"), metrics);
            assertTrue(child.output().contains("([::1]:" + ipv6.port() + ")"), child.output());

            child.send("connect 127.0.0.1:" + second.port());
            child.send("connect 127.0.0.1:" + third.port());
            child.awaitOutput("hostapp: connected to 127.0.0.1:" + third.port());
            child.awaitOutput("tcpshake: discovery found more endpoints than discovery.max_targets (2)");
            await().atMost(WAIT).until(() -> upByPort(AgentIT.scrape(metricsUrl)).size() == 2);
            Set<Integer> ports = upByPort(AgentIT.scrape(metricsUrl)).keySet();
            assertTrue(ports.contains(ipv6.port()) && (ports.contains(second.port()) || ports.contains(third.port())),
                    ports.toString());
            assertEquals(1, count(child.output(), "more endpoints than discovery.max_targets"), "logged once");
            assertEquals(HostApp.EXIT_STATUS, child.exit(), child.output());
        }
    }

    @Test
    void theBareAgentSaysItDiscoversAndWhereItsMetricsAre() throws Exception {
        try (ChildJvm child = ChildJvm.start(ChildJvm.javaOf(System.getProperty("java.home")),
                List.of("-javaagent:" + ChildJvm.agentJar()))) {
            child.awaitOutput("hostapp: ready");
            String output = child.awaitOutput("tcpshake: no targets file given: checking the endpoints this JVM "
                    + "connects to (discovery every 10s)");
            // Port 9464 may be taken by another run on this machine: then that is said, and the rest runs on.
            assertTrue(output.contains("metrics at http://127.0.0.1:9464/metrics")
                    || output.contains("the Prometheus endpoint could not start"), output);
            assertEquals(HostApp.EXIT_STATUS, child.exit(), child.output());
        }
    }

    private Service service(InetAddress ip) throws IOException {
        Service service = new Service(ip);
        services.add(service);
        return service;
    }

    private static ObjectName targetBean(String name) throws Exception {
        return new ObjectName("io.tcpshake:type=Target,name=" + ObjectName.quote(name));
    }

    /** Discovered targets' tcpshake_target_up by the port their name ends with. */
    private static Map<Integer, Double> upByPort(String metrics) {
        Map<Integer, Double> up = new TreeMap<>();
        Matcher matcher = UP.matcher(metrics);
        while (matcher.find()) {
            up.put(portOf(matcher.group(1)), Double.parseDouble(matcher.group(2)));
        }
        return up;
    }

    private static String nameWithPort(String metrics, int port) {
        Matcher matcher = UP.matcher(metrics);
        while (matcher.find()) {
            if (portOf(matcher.group(1)) == port) {
                return matcher.group(1);
            }
        }
        throw new AssertionError("no discovered target on port " + port + ":\n" + metrics);
    }

    private static double checks(String metrics, String name) {
        Matcher matcher = Pattern.compile("(?m)^tcpshake_checks_total\\{target=\"" + Pattern.quote(name)
                + "\",[^}]*outcome=\"up\",\\} (\\S+)$").matcher(metrics);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    private static Map<Integer, Object> byPort(TabularData table) {
        Map<Integer, Object> byPort = new TreeMap<>();
        for (Object row : table.values()) {
            CompositeData data = (CompositeData) row;
            byPort.put(portOf((String) data.get("key")), data.get("value"));
        }
        return byPort;
    }

    private static int portOf(String name) {
        return Integer.parseInt(name.substring(name.lastIndexOf(':') + 1));
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    /** A loopback service (a database, a cache...): accepts and keeps its clients, and counts them. */
    private static final class Service implements AutoCloseable {
        private final ServerSocket server;
        private final List<Socket> accepted = Collections.synchronizedList(new ArrayList<>());

        Service(InetAddress ip) throws IOException {
            server = new ServerSocket(0, 50, ip);
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(server.accept());
                    }
                } catch (IOException e) {
                    // closed
                }
            }, "service-" + server.getLocalPort());
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        int accepted() {
            return accepted.size();
        }

        /** Stops listening and closes the clients' connections. */
        @Override
        public void close() throws IOException {
            server.close();
            synchronized (accepted) {
                for (Socket socket : accepted) {
                    socket.close();
                }
            }
        }
    }
}
