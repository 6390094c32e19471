package io.tcpshake.core.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Many targets by name: each found, in the order added, through changes (names whose hashes collide too). */
class MonitorManyTargetsTest {
    private final ManualMonitor m = new ManualMonitor();

    @AfterEach
    void close() {
        m.close();
    }

    @Test
    void everyTargetIsFoundByNameInTheOrderAddedThroughRemovalsAndAdditions() {
        Monitor monitor = m.start();
        List<Target> targets = new ArrayList<>();
        // "Aa" and "BB" have the same String hash, as do their concatenations: collisions on purpose.
        String[] colliding = {"AaAa", "AaBB", "BBAa", "BBBB"};
        for (String name : colliding) {
            targets.add(Target.builder("127.0.0.1", 7000).name(name).build());
        }
        // Negative hashes: this name's is Integer.MIN_VALUE.
        targets.add(Target.builder("127.0.0.1", 7001).name("polygenelubricants").build());
        targets.add(Target.builder("127.0.0.1", 7002).name("payments-primary").build());
        for (int i = 0; i < 3000; i++) {
            targets.add(Target.builder("127.0.0.1", 1 + i % 65535).name("t" + i).build());
        }
        monitor.replaceAll(targets);
        assertEquals(targets, monitor.targets());
        for (Target target : targets) {
            assertEquals(target, monitor.snapshot(target.name()).orElseThrow().target());
        }
        assertFalse(monitor.snapshot("t3000").isPresent());
        assertFalse(monitor.snapshot("AaAb").isPresent());

        assertTrue(monitor.remove("AaBB"));
        assertTrue(monitor.remove("t17"));
        Target added = Target.builder("127.0.0.1", 9).name("added").build();
        monitor.put(added);
        List<Target> expected = new ArrayList<>(targets);
        expected.remove(1);
        expected.removeIf(t -> t.name().equals("t17"));
        expected.add(added);
        assertEquals(expected, monitor.targets());
        assertFalse(monitor.snapshot("AaBB").isPresent());
        assertFalse(monitor.snapshot("t17").isPresent());
        for (Target target : expected) {
            assertEquals(target, monitor.snapshot(target.name()).orElseThrow().target());
        }
    }
}
