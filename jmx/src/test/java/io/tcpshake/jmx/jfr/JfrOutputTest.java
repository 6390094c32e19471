package io.tcpshake.jmx.jfr;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tcpshake.core.monitor.Monitor;
import io.tcpshake.core.monitor.Target;
import io.tcpshake.core.monitor.TargetSource;
import io.tcpshake.core.testing.LoopbackTargets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import jdk.jfr.Configuration;
import jdk.jfr.EventType;
import jdk.jfr.Recording;
import jdk.jfr.SettingDescriptor;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tcpshake's JFR events from a real Monitor checking loopback targets, read back from a recording file. */
class JfrOutputTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    private final LoopbackTargets loopback = new LoopbackTargets();
    private Monitor monitor;
    private JfrOutput output;
    private Recording recording;
    private int upPort;
    private int refusedPort;

    @BeforeEach
    void startMonitor() throws IOException {
        upPort = loopback.upListener(LoopbackTargets.V4).address().getPort();
        refusedPort = loopback.refusedAddress(LoopbackTargets.V4).getPort();
        monitor = Monitor.builder().build();
        monitor.put(fast(Target.builder("127.0.0.1", upPort).name("up")));
        monitor.put(fast(Target.builder("127.0.0.1", refusedPort).name("refused").source(TargetSource.DISCOVERED)));
    }

    @AfterEach
    void stop() throws Exception {
        if (recording != null) {
            recording.close();
        }
        if (output != null) {
            output.close();
        }
        monitor.close();
        loopback.close();
    }

    @Test
    void recordingWithTheEventsEnabledSeesChecksStateChangesAndStatistics() throws Exception {
        recording = new Recording();
        recording.enable("io.tcpshake.Check");
        recording.enable("io.tcpshake.StateChange");
        recording.enable("io.tcpshake.TargetStatistics").withPeriod(Duration.ofMillis(200));
        recording.start();
        output = JfrOutput.start(monitor);
        assertTrue(output.isStarted());
        monitor.start();

        List<RecordedEvent> events = awaitEvents(all -> count(all, "io.tcpshake.Check", "up") >= 3
                && count(all, "io.tcpshake.Check", "refused") >= 3
                && count(all, "io.tcpshake.StateChange", "up") >= 1
                && count(all, "io.tcpshake.StateChange", "refused") >= 1
                && count(all, "io.tcpshake.TargetStatistics", "up") >= 2
                && count(all, "io.tcpshake.TargetStatistics", "refused") >= 2);

        RecordedEvent upCheck = first(events, "io.tcpshake.Check", "up");
        assertEquals("127.0.0.1:" + upPort, upCheck.getString("address"));
        assertEquals("UP", upCheck.getString("outcome"));
        assertEquals("file", upCheck.getString("source"));
        assertEquals("OK", upCheck.getString("errno"));
        assertEquals("", upCheck.getString("message"));
        assertTrue(upCheck.getDuration("latency").toNanos() > 0);
        assertEquals("tcpshake", upCheck.getEventType().getCategoryNames().get(0));
        assertEquals("TCP Check", upCheck.getEventType().getLabel());
        assertEquals(null, upCheck.getStackTrace());

        RecordedEvent refusedCheck = first(events, "io.tcpshake.Check", "refused");
        assertEquals("REFUSED", refusedCheck.getString("outcome"));
        assertEquals("discovered", refusedCheck.getString("source"));
        assertEquals("ECONNREFUSED", refusedCheck.getString("errno"));
        assertEquals("Connection refused", refusedCheck.getString("message"));

        RecordedEvent down = first(events, "io.tcpshake.StateChange", "refused");
        assertEquals("UNKNOWN", down.getString("from"));
        assertEquals("DOWN", down.getString("to"));
        assertEquals("discovered", down.getString("source"));
        assertEquals("REFUSED", down.getString("outcome"));
        assertEquals("ECONNREFUSED", down.getString("errno"));
        assertEquals("127.0.0.1:" + refusedPort, down.getString("address"));
        assertEquals("UP", first(events, "io.tcpshake.StateChange", "up").getString("to"));

        RecordedEvent lastUpStatistics = last(events, "io.tcpshake.TargetStatistics", "up");
        assertEquals("UP", lastUpStatistics.getString("state"));
        assertEquals("file", lastUpStatistics.getString("source"));
        assertEquals("127.0.0.1:" + upPort, lastUpStatistics.getString("address"));
        assertTrue(lastUpStatistics.getLong("checks") >= 1);
        assertEquals(lastUpStatistics.getLong("checks"), lastUpStatistics.getLong("up"));
        assertEquals(0, lastUpStatistics.getLong("failures"));
        assertTrue(lastUpStatistics.getDuration("latencyMean").toNanos() > 0);
        RecordedEvent lastRefusedStatistics = last(events, "io.tcpshake.TargetStatistics", "refused");
        assertEquals("DOWN", lastRefusedStatistics.getString("state"));
        assertEquals(lastRefusedStatistics.getLong("checks"), lastRefusedStatistics.getLong("refused"));
        assertEquals(lastRefusedStatistics.getLong("checks"), lastRefusedStatistics.getLong("failures"));
        assertEquals(1, lastRefusedStatistics.getLong("stateChanges"));
    }

    @Test
    void profileSettingsRecordStateChangesButNotEveryCheck() throws Exception {
        recording = new Recording(Configuration.getConfiguration("profile"));
        recording.start();
        output = JfrOutput.start(monitor);
        monitor.start();

        await().atMost(WAIT).until(() -> monitor.snapshot("up").get().checks() >= 3);
        List<RecordedEvent> events = awaitEvents(all -> count(all, "io.tcpshake.StateChange", "up") >= 1);

        assertEquals(0, events.stream().filter(e -> e.getEventType().getName().equals("io.tcpshake.Check")).count(),
                "io.tcpshake.Check is off unless enabled: the JDK's .jfc files do not list it");
    }

    @Test
    void defaultsAreCheckOffStateChangeOnStatisticsEveryTenSeconds() {
        output = JfrOutput.start(monitor);
        // As any recording does: the events are registered (with their settings) once the recorder is up.
        jdk.jfr.FlightRecorder.getFlightRecorder();

        assertEquals("false", setting(CheckEvent.class, "enabled"));
        assertEquals("true", setting(StateChangeEvent.class, "enabled"));
        assertEquals("true", setting(TargetStatisticsEvent.class, "enabled"));
        assertEquals("10 s", setting(TargetStatisticsEvent.class, "period"));
        for (String configuration : List.of("default", "profile")) {
            Map<String, String> settings = configurationSettings(configuration);
            assertFalse(settings.keySet().stream().anyMatch(key -> key.startsWith("io.tcpshake")),
                    configuration + ".jfc does not mention tcpshake events, so their annotations decide");
        }
    }

    @Test
    void closedOutputWritesNothingMore() throws Exception {
        recording = new Recording();
        recording.enable("io.tcpshake.Check");
        recording.enable("io.tcpshake.TargetStatistics").withPeriod(Duration.ofMillis(100));
        output = JfrOutput.start(monitor);
        output.close();
        assertFalse(output.isStarted());
        recording.start();
        monitor.start();

        await().atMost(WAIT).until(() -> monitor.snapshot("up").get().checks() >= 5);
        recording.stop();

        Path file = dir.resolve("closed.jfr");
        recording.dump(file);
        assertEquals(List.of(), RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().startsWith("io.tcpshake")).collect(Collectors.toList()));
    }

    @Test
    void jfrPrintShowsTheEventsByName() throws Exception {
        recording = new Recording();
        recording.enable("io.tcpshake.StateChange");
        recording.start();
        output = JfrOutput.start(monitor);
        monitor.start();
        awaitEvents(all -> count(all, "io.tcpshake.StateChange", "refused") >= 1);
        Path file = dir.resolve("print.jfr");
        recording.dump(file);

        Path jfr = Path.of(System.getProperty("java.home"), "bin", "jfr");
        Process print = new ProcessBuilder(jfr.toString(), "print", "--events", "io.tcpshake.StateChange",
                file.toString()).redirectErrorStream(true).start();
        String text = new String(print.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(print.waitFor(30, TimeUnit.SECONDS));

        assertEquals(0, print.exitValue(), text);
        assertTrue(text.contains("io.tcpshake.StateChange {"), text);
        assertTrue(text.contains("target = \"refused\""), text);
        assertTrue(text.contains("errno = \"ECONNREFUSED\""), text);
    }

    /** Dumps the running recording until its events satisfy {@code wanted}; returns them. */
    private List<RecordedEvent> awaitEvents(java.util.function.Predicate<List<RecordedEvent>> wanted) {
        Path file = dir.resolve("dump.jfr");
        AtomicReference<List<RecordedEvent>> events = new AtomicReference<>();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> {
            recording.dump(file);
            events.set(RecordingFile.readAllEvents(file).stream()
                    .filter(e -> e.getEventType().getName().startsWith("io.tcpshake")).collect(Collectors.toList()));
            return wanted.test(events.get());
        });
        return events.get();
    }

    private static long count(List<RecordedEvent> events, String type, String target) {
        return events.stream().filter(e -> is(e, type, target)).count();
    }

    private static RecordedEvent first(List<RecordedEvent> events, String type, String target) {
        return events.stream().filter(e -> is(e, type, target)).findFirst().get();
    }

    private static RecordedEvent last(List<RecordedEvent> events, String type, String target) {
        return events.stream().filter(e -> is(e, type, target)).reduce((a, b) -> b).get();
    }

    private static boolean is(RecordedEvent event, String type, String target) {
        return event.getEventType().getName().equals(type) && target.equals(event.getString("target"));
    }

    private static String setting(Class<? extends jdk.jfr.Event> event, String name) {
        Optional<SettingDescriptor> descriptor = EventType.getEventType(event).getSettingDescriptors().stream()
                .filter(s -> s.getName().equals(name)).findFirst();
        return descriptor.get().getDefaultValue();
    }

    private static Map<String, String> configurationSettings(String name) {
        try {
            return Configuration.getConfiguration(name).getSettings();
        } catch (IOException | java.text.ParseException e) {
            throw new IllegalStateException("cannot read the JDK's " + name + ".jfc: " + e, e);
        }
    }

    /**
     * The Check event is off by default, even in profile: then results are not handed to the monitor's listener
     * thread at all (that thread ends between state changes), and they are again once a recording turns it on.
     */
    @Test
    void resultsReachTheListenerThreadOnlyWhileARecordingHasTheCheckEventOn() throws Exception {
        monitor.close();
        AtomicInteger handOffs = new AtomicInteger();
        monitor = Monitor.builder().listenerExecutor(task -> {
            handOffs.incrementAndGet();
            task.run();
        }).build();
        monitor.put(fast(Target.builder("127.0.0.1", upPort).name("up")));
        recording = new Recording(Configuration.getConfiguration("profile"));
        recording.start();
        output = JfrOutput.start(monitor);
        monitor.start();

        await().atMost(WAIT).until(() -> monitor.snapshot("up").get().checks() >= 3);
        int settled = handOffs.get();
        long checksThen = monitor.snapshot("up").get().checks();
        await().atMost(WAIT).until(() -> monitor.snapshot("up").get().checks() >= checksThen + 5);
        assertEquals(settled, handOffs.get(), "5 more results with the Check event off: nothing handed over");

        recording.enable("io.tcpshake.Check");
        await().atMost(WAIT).until(() -> handOffs.get() >= settled + 3);
        awaitEvents(all -> count(all, "io.tcpshake.Check", "up") >= 3);
    }

    private static Target fast(Target.Builder builder) {
        return builder.interval(Duration.ofMillis(100)).timeout(Duration.ofMillis(500)).rise(1).fall(1)
                .initialDelay(Duration.ZERO).jitter(0).build();
    }
}
