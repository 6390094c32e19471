package io.tcpshake.core.monitor;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A monitor's runners by target name, in the order the targets were added: an array and an open-addressing
 * index of ints into it. Immutable: a change of targets builds a new table (readers see one or the other).
 * About 9 B per target, where a {@link LinkedHashMap} takes an entry of 40 B and a slot of its table.
 *
 * <p>The index has a third more slots than targets, not the next power of two above that: a name's slot is its
 * hash modulo the size, a division per lookup (a lookup is by a reader, never per check), where a power of two
 * left it between 38 % and 75 % full (262,144 ints, 10.5 B per target, for 100,000).
 */
final class RunnerTable {
    static final RunnerTable EMPTY = of(Map.of());

    private final TargetRunner[] runners;
    /** Index + 1 into {@link #runners} of the runner whose name hashes there (or probed on); 0 is empty. */
    private final int[] slots;

    private RunnerTable(TargetRunner[] runners, int[] slots) {
        this.runners = runners;
        this.slots = slots;
    }

    /** A table of {@code byName}'s runners, in its order. */
    static RunnerTable of(Map<String, TargetRunner> byName) {
        TargetRunner[] runners = byName.values().toArray(new TargetRunner[0]);
        // At most three quarters full: a few probes per lookup.
        int size = runners.length + runners.length / 3 + 1;
        int[] slots = new int[size];
        for (int i = 0; i < runners.length; i++) {
            int slot = slot(runners[i].target().name(), size);
            while (slots[slot] != 0) {
                slot = next(slot, size);
            }
            slots[slot] = i + 1;
        }
        return new RunnerTable(runners, slots);
    }

    /** The runner of the target named {@code name}, null when there is none. */
    TargetRunner get(String name) {
        for (int slot = slot(name, slots.length); slots[slot] != 0; slot = next(slot, slots.length)) {
            TargetRunner runner = runners[slots[slot] - 1];
            if (runner.target().name().equals(name)) {
                return runner;
            }
        }
        return null;
    }

    /** The runners in the order their targets were added. */
    List<TargetRunner> runners() {
        return new AbstractList<>() {
            @Override
            public TargetRunner get(int index) {
                return runners[index];
            }

            @Override
            public int size() {
                return runners.length;
            }
        };
    }

    /** A map of the same, to change and make a new table of. */
    Map<String, TargetRunner> toMap() {
        Map<String, TargetRunner> byName = new LinkedHashMap<>();
        for (TargetRunner runner : runners) {
            byName.put(runner.target().name(), runner);
        }
        return byName;
    }

    /** The names, in order. */
    List<String> names() {
        List<String> names = new ArrayList<>(runners.length);
        for (TargetRunner runner : runners) {
            names.add(runner.target().name());
        }
        return names;
    }

    private static int slot(String name, int size) {
        return Math.floorMod(name.hashCode(), size);
    }

    private static int next(int slot, int size) {
        return slot + 1 == size ? 0 : slot + 1;
    }
}
