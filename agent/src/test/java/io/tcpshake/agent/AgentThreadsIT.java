package io.tcpshake.agent;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tcpshake.agent.hostapp.HostApp;
import io.tcpshake.core.testing.LoopbackTargets;
import io.tcpshake.core.testing.LoopbackTargets.UpListener;
import io.tcpshake.otlp.OtlpReceiver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The threads the agent adds to a host application once it runs (every output on): each one a daemon with a
 * tcpshake name, or one of the few the JDK and JNA start on its behalf; and, once the ones that come and go
 * have ended, exactly four of its own (issue 9: at most three with the exporter on; OTLP adds one): the
 * checking loop, which also runs the schedule, the results and the file watch's timer, the JDK
 * {@code HttpServer}'s two, and {@code tcpshake-otlp}, which pushes to the collector.
 */
class AgentThreadsIT {
    /**
     * Threads others start for the agent. {@code JNA Cleaner}: JNA's, while it loads (ends after 30 s idle).
     * {@code Keep-Alive-Timer}: the JDK's, one per JVM, after an OTLP push to a collector that keeps the
     * connection open (the JDK's HttpServer here does, though the push asks it to close); it ends 5 s after.
     * Not the JDK's {@code process reaper}: the agent starts no process (JNA's library search, which runs
     * {@code ldconfig -p}, is skipped).
     */
    private static final Set<String> STARTED_FOR_THE_AGENT = Set.of("JNA Cleaner", "Keep-Alive-Timer");
    /**
     * The agent's own threads in steady state with the exporter on. Those that come and go are not in it:
     * {@code tcpshake-start} (ends once started), {@code tcpshake-events} (2 s after the last
     * listener event), {@code tcpshake-watch} (0.1 s after each poll of the file), resolver and
     * exporter handler threads (while names are looked up, during scrapes).
     */
    private static final Set<String> STEADY_STATE = Set.of("tcpshake-loop|true",
            "tcpshake-exporter-HTTP-Dispatcher|true", "tcpshake-exporter-idle-timeout-task|true",
            "tcpshake-otlp|true");
    private static final Pattern THREADS_LINE = Pattern.compile("hostapp: threads (\\d+): (.*)");

    @TempDir
    Path dir;
    @AutoClose
    private final LoopbackTargets loopback = new LoopbackTargets();
    @AutoClose
    private final OtlpReceiver collector = new OtlpReceiver();
    private final AtomicInteger requests = new AtomicInteger();

    AgentThreadsIT() throws IOException {
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tcpshake.agent.AgentIT#javaHomes")
    void everyThreadTheAgentAddsIsADaemonWithATcpshakeName(String javaHome) throws Exception {
        UpListener up = loopback.upListener(LoopbackTargets.V4);
        InetSocketAddress refused = loopback.refusedAddress(LoopbackTargets.V4);
        Path targets = Files.writeString(dir.resolve("targets.yaml"), ""
                // Checked every 200 ms: no listener wants every result (JFR's Check event is off), so only
                // state changes wake the events thread, and it ends 2 s after the last.
                + "defaults: {interval: 200ms, initial_delay: 0s, timeout: 150ms, rise: 1, fall: 1}\n"
                + "exporter: {enabled: true, host: 127.0.0.1, port: 0}\n"
                + "otlp: {endpoint: \"" + collector.url() + "\", interval: 200ms}\n"
                + "jmx: {enabled: true}\n"
                + "jfr: {enabled: true}\n"
                + "targets:\n"
                + "  - {name: up, address: \"" + TargetsYaml.format(up.address()) + "\"}\n"
                + "  - {name: refused, address: \"" + TargetsYaml.format(refused) + "\"}\n");
        String java = ChildJvm.javaOf(javaHome);

        Map<String, Integer> without;
        try (ChildJvm child = ChildJvm.start(java, List.of())) {
            child.awaitOutput("hostapp: ready");
            without = threads(child);
            assertEquals(HostApp.EXIT_STATUS, child.exit(), child.output());
        }

        try (ChildJvm child = ChildJvm.start(java, List.of("-javaagent:" + ChildJvm.agentJar() + "=" + targets))) {
            child.awaitOutput("tcpshake: monitoring 2 targets");
            child.awaitOutput("target up (" + TargetsYaml.format(up.address()) + ") is UP");
            child.awaitOutput("target refused (" + TargetsYaml.format(refused) + ") is DOWN");
            // Right after start-up: the start-up threads have ended.
            AtomicReference<Map<String, Integer>> with = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                    .alias("the agent's start-up threads end")
                    .until(() -> {
                        with.set(threads(child));
                        return with.get().keySet().stream().noneMatch(name -> name.endsWith("-start|true")
                                || name.endsWith("-start|false"));
                    });
            List<String> added = added(without, with.get());
            System.out.println("[footprint] " + javaHome + ": right after start-up the agent added " + added.size()
                    + " threads: " + added);
            assertTrue(added.stream().anyMatch(thread -> thread.startsWith("tcpshake-loop|")), added.toString());
            assertTrue(added.stream().noneMatch(thread -> thread.startsWith("tcpshake-monitor|")),
                    "no housekeeping thread: the schedule runs on the checking loop: " + added);
            assertNamedDaemons(added);

            // Steady state: the agent's threads that come and go have ended (JNA's and the JDK's own end
            // later, after 30 and 60 s idle; they are not the agent's).
            AtomicReference<List<String>> own = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .alias("the agent's threads are its steady-state set " + STEADY_STATE)
                    .until(() -> {
                        List<String> now = added(without, threads(child));
                        assertNamedDaemons(now);
                        now.removeIf(thread -> STARTED_FOR_THE_AGENT.contains(thread.substring(0,
                                thread.lastIndexOf('|'))));
                        own.set(now);
                        return Set.copyOf(now).equals(STEADY_STATE) && now.size() == STEADY_STATE.size();
                    });
            System.out.println("[footprint] " + javaHome + ": in steady state the agent's own threads are "
                    + own.get().size() + ": " + own.get());
            await().atMost(Duration.ofSeconds(10)).until(() -> !collector.requests().isEmpty());
            assertEquals(HostApp.EXIT_STATUS, child.exit(), child.output());
        }
    }

    private static void assertNamedDaemons(List<String> added) {
        for (String thread : added) {
            String name = thread.substring(0, thread.lastIndexOf('|'));
            assertTrue(thread.endsWith("|true"), "not a daemon: " + name + " (added: " + added + ")");
            assertTrue(name.startsWith("tcpshake-") || STARTED_FOR_THE_AGENT.contains(name),
                    "an added thread without a tcpshake name: " + name + " (added: " + added + ")");
        }
    }

    /** The child's live threads as {@code name|daemon}, with how many have that name. */
    private Map<String, Integer> threads(ChildJvm child) throws IOException {
        String request = String.valueOf(requests.incrementAndGet());
        child.send("threads " + request);
        String output = child.awaitOutput("hostapp: threads " + request + ": ");
        for (String line : output.split("\n")) {
            Matcher matcher = THREADS_LINE.matcher(line);
            if (matcher.matches() && matcher.group(1).equals(request)) {
                Map<String, Integer> counts = new HashMap<>();
                for (String thread : matcher.group(2).split(";")) {
                    if (!thread.isEmpty()) {
                        counts.merge(thread, 1, Integer::sum);
                    }
                }
                return counts;
            }
        }
        throw new AssertionError("no complete thread list " + request + " in:\n" + output);
    }

    private static List<String> added(Map<String, Integer> before, Map<String, Integer> after) {
        List<String> added = new ArrayList<>();
        after.forEach((thread, count) -> {
            for (int i = before.getOrDefault(thread, 0); i < count; i++) {
                added.add(thread);
            }
        });
        added.sort(null);
        return added;
    }
}
