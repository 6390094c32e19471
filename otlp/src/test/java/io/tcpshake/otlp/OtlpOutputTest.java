package io.tcpshake.otlp;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.tcpshake.core.monitor.LatencySummary;
import io.tcpshake.core.monitor.Monitor;
import io.tcpshake.core.monitor.Target;
import io.tcpshake.core.testing.LoopbackTargets;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A library Monitor pushing to a real OTLP/HTTP receiver, and to collectors that are down or hang. */
class OtlpOutputTest {
    private static final Duration FAST_PUSH = Duration.ofMillis(100);

    private final Logger otlpLog = Logger.getLogger("io.tcpshake.otlp");
    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLog() {
        otlpLog.addHandler(capture);
    }

    @AfterEach
    void releaseLog() {
        otlpLog.removeHandler(capture);
    }

    @Test
    void libraryMonitorPushesPointsThatOpenTelemetrysSchemaDecodes() throws Exception {
        try (LoopbackTargets loopback = new LoopbackTargets();
                Monitor monitor = Monitor.builder().build();
                OtlpReceiver receiver = new OtlpReceiver()) {
            int upPort = loopback.upListener(LoopbackTargets.V4).address().getPort();
            int refusedPort = loopback.refusedAddress(LoopbackTargets.V4).getPort();
            monitor.replaceAll(List.of(fast(Target.builder("127.0.0.1", upPort).name("db").label("team", "core")),
                    fast(Target.builder("127.0.0.1", refusedPort).name("gone"))));
            monitor.start();
            OtlpSettings settings = OtlpSettings.fromEnvironment(Map.of("OTEL_SERVICE_NAME", "checkout",
                    "OTEL_RESOURCE_ATTRIBUTES", "deployment.environment.name=test"))
                    .endpoint(receiver.url()).interval(FAST_PUSH).header("x-api-key", "k1").build();
            try (OtlpOutput output = OtlpOutput.start(monitor, settings)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> upValue(receiver, "db") == 1
                        && upValue(receiver, "gone") == 0);
            }
            assertEquals(List.of(), receiver.errors());
            var resource = receiver.requests().get(0).getResourceMetrics(0);
            assertEquals("checkout", OtlpReceiver.attribute(resource.getResource().getAttributesList(), "service.name"));
            assertEquals("test", OtlpReceiver.attribute(resource.getResource().getAttributesList(),
                    "deployment.environment.name"));
            assertEquals("io.tcpshake", resource.getScopeMetrics(0).getScope().getName());
            assertEquals("k1", receiver.headers().get(0).get("x-api-key"));
            assertEquals("application/x-protobuf", receiver.headers().get(0).get("content-type"));

            NumberDataPoint up = point(receiver.latest("tcpshake.target.up").orElseThrow().getGauge().getDataPointsList(), "db");
            assertEquals("127.0.0.1", OtlpReceiver.attribute(up.getAttributesList(), "server.address"));
            assertEquals(Integer.toString(upPort), OtlpReceiver.attribute(up.getAttributesList(), "server.port"));
            assertEquals("core", OtlpReceiver.attribute(up.getAttributesList(), "team"));

            Metric checks = receiver.latest("tcpshake.checks").orElseThrow();
            assertEquals("{check}", checks.getUnit());
            assertTrue(checks.getSum().getIsMonotonic());
            assertEquals(2, checks.getSum().getAggregationTemporalityValue(), "cumulative");
            long refused = checks.getSum().getDataPointsList().stream()
                    .filter(p -> "gone".equals(OtlpReceiver.attribute(p.getAttributesList(), "tcpshake.target.name")))
                    .filter(p -> "refused".equals(OtlpReceiver.attribute(p.getAttributesList(), "tcpshake.check.outcome")))
                    .mapToLong(NumberDataPoint::getAsInt).sum();
            assertTrue(refused >= 1, "refused checks of 'gone': " + refused);

            Metric duration = receiver.latest("tcpshake.check.duration").orElseThrow();
            assertEquals("s", duration.getUnit());
            HistogramDataPoint db = duration.getHistogram().getDataPointsList().stream()
                    .filter(p -> "db".equals(OtlpReceiver.attribute(p.getAttributesList(), "tcpshake.target.name")))
                    .findFirst().orElseThrow();
            assertEquals(LatencySummary.BUCKET_BOUNDS_SECONDS.length, db.getExplicitBoundsCount());
            assertEquals(db.getCount(), db.getBucketCountsList().stream().mapToLong(Long::longValue).sum());
            assertTrue(db.getCount() >= 1 && db.getSum() > 0 && db.getSum() < 1, "loopback answers in well under 1 s");
            assertTrue(db.getStartTimeUnixNano() > 0 && db.getStartTimeUnixNano() <= db.getTimeUnixNano());
        }
    }

    @Test
    void collectorThatRefusesCostsOneWarningAndNothingElse() throws Exception {
        try (LoopbackTargets loopback = new LoopbackTargets();
                Monitor monitor = Monitor.builder().build()) {
            int upPort = loopback.upListener(LoopbackTargets.V4).address().getPort();
            int closedPort = loopback.refusedAddress(LoopbackTargets.V4).getPort();
            monitor.replaceAll(List.of(fast(Target.builder("127.0.0.1", upPort).name("db"))));
            monitor.start();
            OtlpSettings settings = OtlpSettings.builder().endpoint("http://127.0.0.1:" + closedPort)
                    .interval(FAST_PUSH).build();
            try (OtlpOutput output = OtlpOutput.start(monitor, settings)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> warnings().size() == 1);
                long checksBefore = monitor.snapshot("db").orElseThrow().checks();
                // Ten checks at 100 ms take 1 s, in which about ten pushes fail.
                await().atMost(Duration.ofSeconds(3)).until(() ->
                        monitor.snapshot("db").orElseThrow().checks() - checksBefore >= 10);
            }
            assertEquals(1, warnings().size(), "one warning per outage: " + messages());
            String warning = warnings().get(0).getMessage();
            assertTrue(warning.contains("cannot push metrics to http://127.0.0.1:" + closedPort + "/v1/metrics"), warning);
            assertTrue(warning.contains("ConnectException"), warning);
        }
    }

    @Test
    void collectorThatNeverAnswersTimesOutEachPushAndChecksStayOnTime() throws Exception {
        try (LoopbackTargets loopback = new LoopbackTargets();
                Monitor monitor = Monitor.builder().build();
                ServerSocket silent = new ServerSocket(0, 50, LoopbackTargets.V4)) {
            int upPort = loopback.upListener(LoopbackTargets.V4).address().getPort();
            monitor.replaceAll(List.of(fast(Target.builder("127.0.0.1", upPort).name("db"))));
            monitor.start();
            List<Socket> held = new CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (Exception closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            OtlpSettings settings = OtlpSettings.builder().endpoint("http://127.0.0.1:" + silent.getLocalPort())
                    .interval(FAST_PUSH).timeout(Duration.ofMillis(300)).build();
            try (OtlpOutput output = OtlpOutput.start(monitor, settings)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> held.size() >= 1);
                long checksBefore = monitor.snapshot("db").orElseThrow().checks();
                await().atMost(Duration.ofSeconds(10)).until(() -> held.size() >= 4);
                long checked = monitor.snapshot("db").orElseThrow().checks() - checksBefore;
                assertTrue(checked >= 5, "checks during three pushes of 300 ms that got no answer: " + checked);
            } finally {
                for (Socket s : held) {
                    s.close();
                }
            }
            assertEquals(1, warnings().size(), messages().toString());
            assertTrue(warnings().get(0).getMessage().contains("no answer within 300 ms"), messages().toString());
        }
    }

    @Test
    void anOutageIsLoggedWhenItStartsAndWhenItEnds() throws Exception {
        try (Monitor monitor = Monitor.builder().build(); OtlpReceiver receiver = new OtlpReceiver()) {
            monitor.start();
            receiver.answer(503);
            try (OtlpOutput output = OtlpOutput.start(monitor,
                    OtlpSettings.builder().endpoint(receiver.url()).interval(FAST_PUSH).build())) {
                await().atMost(Duration.ofSeconds(10)).until(() -> receiver.requests().size() >= 3);
                receiver.answer(200);
                await().atMost(Duration.ofSeconds(10)).until(() -> messages().stream()
                        .anyMatch(m -> m.contains("works again")));
            }
            assertEquals(1, warnings().size(), messages().toString());
            assertTrue(warnings().get(0).getMessage().contains("the collector answered HTTP 503"), messages().toString());
            assertTrue(messages().stream().anyMatch(m -> m.matches(".*works again, after [0-9]+ failed pushes")),
                    messages().toString());
        }
    }

    @Test
    void pushesOnOneDaemonThreadThatEndsWithClose() throws Exception {
        try (Monitor monitor = Monitor.builder().build(); OtlpReceiver receiver = new OtlpReceiver()) {
            monitor.start();
            OtlpOutput output = OtlpOutput.start(monitor,
                    OtlpSettings.builder().endpoint(receiver.url()).interval(FAST_PUSH).build());
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.requests().size() >= 2);
            List<Thread> pushing = threadsNamed(OtlpOutput.THREAD_NAME);
            assertEquals(1, pushing.size());
            assertTrue(pushing.get(0).isDaemon());
            assertTrue(threadsNamed("PeriodicMetricReader").isEmpty() && threadsNamed("HttpClient").isEmpty());
            output.close();
            await().atMost(Duration.ofSeconds(10)).until(() -> threadsNamed(OtlpOutput.THREAD_NAME).isEmpty());
            assertFalse(receiver.requests().isEmpty());
        }
    }

    private static List<Thread> threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith(prefix))
                .collect(java.util.stream.Collectors.toList());
    }

    private List<LogRecord> warnings() {
        return logged.stream().filter(r -> r.getLevel() == Level.WARNING).collect(java.util.stream.Collectors.toList());
    }

    private List<String> messages() {
        return logged.stream().map(LogRecord::getMessage).collect(java.util.stream.Collectors.toList());
    }

    private static long upValue(OtlpReceiver receiver, String target) {
        return receiver.latest("tcpshake.target.up")
                .map(m -> point(m.getGauge().getDataPointsList(), target))
                .map(NumberDataPoint::getAsInt).orElse(-2L);
    }

    private static NumberDataPoint point(List<NumberDataPoint> points, String target) {
        return points.stream()
                .filter(p -> target.equals(OtlpReceiver.attribute(p.getAttributesList(), "tcpshake.target.name")))
                .findFirst().orElse(null);
    }

    private static Target fast(Target.Builder builder) {
        return builder.interval(Duration.ofMillis(100)).timeout(Duration.ofMillis(500)).rise(1).fall(1)
                .initialDelay(Duration.ZERO).build();
    }
}
