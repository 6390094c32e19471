package io.tcpshake.core.monitor;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tcpshake.core.Checker;
import io.tcpshake.core.EngineChoice;
import io.tcpshake.core.testing.LoopbackTargets;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@link Monitor#forEachTarget} reads what {@link Monitor#snapshot()} reads, one target at a time. */
class MonitorForEachTargetTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void everyTargetOnceInTheOrderAddedWithTheFiguresOfTheWholeSnapshot() throws Exception {
        try (LoopbackTargets loopback = new LoopbackTargets()) {
            InetSocketAddress up = loopback.upListener(LoopbackTargets.V4).address();
            InetSocketAddress refused = loopback.refusedAddress(LoopbackTargets.V4);
            // Names out of alphabetical order, up and down mixed: the order is the order added.
            String[] names = {"zeta", "alpha", "mid", "beta", "omega", "gamma"};
            Monitor monitor = Monitor.builder().checker(Checker.builder().engine(EngineChoice.AUTO)).build();
            try {
                for (int i = 0; i < names.length; i++) {
                    InetSocketAddress address = i % 2 == 0 ? up : refused;
                    monitor.put(Target.builder("127.0.0.1", address.getPort()).name(names[i])
                            .interval(Duration.ofMillis(50)).timeout(Duration.ofSeconds(1)).rise(1).fall(1).build());
                }
                monitor.start();
                await().atMost(WAIT).until(() -> monitor.snapshot().targets().stream()
                        .allMatch(t -> t.checks() >= 2 && t.state() != TargetState.UNKNOWN));
                assertEquals(names.length, monitor.targetCount());
            } finally {
                // Closed, the monitor keeps every target's last state: both ways then read the same figures.
                monitor.close();
            }

            List<TargetSnapshot> oneByOne = new ArrayList<>();
            monitor.forEachTarget(oneByOne::add);
            MonitorSnapshot whole = monitor.snapshot();

            assertEquals(List.of(names), oneByOne.stream().map(TargetSnapshot::name).collect(Collectors.toList()));
            assertEquals(figures(whole.targets()), figures(oneByOne));
            assertEquals(whole.checksInFlight(), monitor.checksInFlight());
            assertEquals(List.of(TargetState.UP, TargetState.DOWN), List.of(oneByOne.get(0).state(),
                    oneByOne.get(1).state()), "the loopback listener is up, the closed port down");
        }
    }

    /** What a reader shows of each target, as text to compare. */
    private static List<String> figures(List<TargetSnapshot> targets) {
        return targets.stream().map(t -> String.join(" | ", t.target().toString(), t.state().toString(),
                String.valueOf(t.stateSince()), String.valueOf(t.stateChanges()), String.valueOf(t.checksByOutcome()),
                String.valueOf(t.lastResult()), String.valueOf(t.lastCheckTime()), String.valueOf(t.consecutive()),
                String.valueOf(t.latency().count()), String.valueOf(t.latency().sumNanos())))
                .collect(Collectors.toList());
    }
}
