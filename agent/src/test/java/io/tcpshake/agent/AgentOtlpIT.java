package io.tcpshake.agent;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.tcpshake.agent.hostapp.HostApp;
import io.tcpshake.core.testing.LoopbackTargets;
import io.tcpshake.otlp.OtlpReceiver;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent in a host JVM pushing to an OTLP/HTTP receiver that decodes with OpenTelemetry's own protobuf
 * schema: a target going down and up, the OTEL_* variables of the host's environment, and a host application
 * that runs its own OpenTelemetry SDK (another version) as the global one.
 */
class AgentOtlpIT {
    @TempDir
    Path dir;
    @AutoClose
    private final LoopbackTargets loopback = new LoopbackTargets();
    @AutoClose
    private final OtlpReceiver receiver = new OtlpReceiver();

    AgentOtlpIT() throws Exception {
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tcpshake.agent.AgentIT#javaHomes")
    void agentPushesATargetGoingDownAndUpWithTheServiceNameOfTheEnvironment(String javaHome) throws Exception {
        ServerSocketChannel flapping = listen(0);
        int port = ((InetSocketAddress) flapping.getLocalAddress()).getPort();
        Path targets = targets(port, "otlp: {interval: 200ms}\n");
        // The endpoint comes from the standard variable, as it would for the host's own SDK.
        Map<String, String> env = Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + receiver.port(),
                "OTEL_SERVICE_NAME", "shop", "OTEL_RESOURCE_ATTRIBUTES", "deployment.environment.name=it");
        try (ChildJvm child = ChildJvm.start(ChildJvm.javaOf(javaHome),
                List.of("-javaagent:" + ChildJvm.agentJar() + "=" + targets), env)) {
            child.awaitOutput("OTLP to " + receiver.url());
            awaitUp(child, 1);
            flapping.close();
            awaitUp(child, 0);
            flapping = listen(port);
            awaitUp(child, 1);
            assertEquals(List.of(), receiver.errors());
            var resource = receiver.requests().get(receiver.requests().size() - 1).getResourceMetrics(0).getResource();
            assertEquals("shop", OtlpReceiver.attribute(resource.getAttributesList(), "service.name"));
            assertEquals("it", OtlpReceiver.attribute(resource.getAttributesList(), "deployment.environment.name"));
            long changes = receiver.latest("tcpshake.target.state_changes").orElseThrow().getSum()
                    .getDataPoints(0).getAsInt();
            assertTrue(changes >= 3, "unknown->up, up->down, down->up: " + changes);
            assertEquals(HostApp.EXIT_STATUS, child.exit(), child.output());
        } finally {
            flapping.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tcpshake.agent.AgentIT#javaHomes")
    void hostApplicationWithItsOwnOpenTelemetrySdkAndTcpshakeKeepTheirOwn(String javaHome) throws Exception {
        Path targets = targets(loopback.upListener(LoopbackTargets.V4).address().getPort(),
                "otlp: {endpoint: \"" + receiver.url() + "\", interval: 200ms}\n");
        try (ChildJvm child = ChildJvm.start(ChildJvm.javaOf(javaHome),
                List.of("-javaagent:" + ChildJvm.agentJar() + "=" + targets, "-Dhostapp.otel=true"))) {
            String started = child.awaitOutput("hostapp: tcpshake classes are hidden");
            assertTrue(started.contains("opentelemetry-api-1.58.0.jar, its global SDK holds [hostapp.requests]"),
                    started);
            awaitUp(child, 1);
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.requests().size() >= 3);
            child.send("otel");
            await().atMost(Duration.ofSeconds(20)).until(() -> child.output().lines()
                    .filter(l -> l.startsWith("hostapp: opentelemetry from")).count() == 2);
            String later = child.output();
            assertTrue(later.lines().filter(l -> l.startsWith("hostapp: opentelemetry from")).allMatch(
                    l -> l.endsWith("[hostapp.requests]")), "tcpshake put nothing into the app's SDK: " + later);
            assertEquals(List.of(), receiver.errors());
            assertEquals(HostApp.EXIT_STATUS, child.exit(), child.output());
            assertTrue(!child.output().contains("Exception"), child.output());
        }
    }

    private void awaitUp(ChildJvm child, long value) {
        await().atMost(Duration.ofSeconds(20)).alias("tcpshake.target.up " + value + " for the target")
                .conditionEvaluationListener(c -> {
                    if (c.getRemainingTimeInMS() <= c.getPollInterval().toMillis()) {
                        System.out.println("[AgentOtlpIT] " + receiver.requests().size() + " requests, errors "
                                + receiver.errors() + ", child output:\n" + child.output());
                    }
                }).until(() -> up("flapping") == value);
    }

    private long up(String target) {
        return receiver.latest("tcpshake.target.up").map(m -> m.getGauge().getDataPointsList().stream()
                .filter(p -> target.equals(OtlpReceiver.attribute(p.getAttributesList(), "tcpshake.target.name")))
                .mapToLong(NumberDataPoint::getAsInt).findFirst().orElse(-2)).orElse(-2L);
    }

    private Path targets(int port, String otlpBlock) throws Exception {
        return Files.writeString(dir.resolve("targets.yaml"), otlpBlock
                + "exporter: {enabled: false}\njmx: {enabled: false}\njfr: {enabled: false}\n"
                + "defaults: {interval: 100ms, timeout: 80ms, initial_delay: 0s, rise: 1, fall: 1}\n"
                + "targets:\n  - {name: flapping, address: \"127.0.0.1:" + port + "\"}\n");
    }

    private static ServerSocketChannel listen(int port) throws Exception {
        ServerSocketChannel server = ServerSocketChannel.open();
        server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        server.bind(new InetSocketAddress(LoopbackTargets.V4, port), 128);
        server.configureBlocking(false);
        return server;
    }
}
