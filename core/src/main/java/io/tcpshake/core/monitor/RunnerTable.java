package io.tcpshake.core.monitor;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A monitor's runners by target name, in the order the targets were added: an array and an open-addressing
 * index of ints into it. Immutable: a change of targets builds a new table (readers see one or the other).
 * About 12 B per target, where a {@link LinkedHashMap} takes an entry of 40 B and a slot of its table.
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
        // At most three quarters full, a power of two: a probe or two per lookup.
        int size = Integer.highestOneBit(Math.max(2, runners.length + runners.length / 3)) * 2;
        int[] slots = new int[size];
        for (int i = 0; i < runners.length; i++) {
            int slot = slot(runners[i].target().name(), size);
            while (slots[slot] != 0) {
                slot = (slot + 1) & (size - 1);
            }
            slots[slot] = i + 1;
        }
        return new RunnerTable(runners, slots);
    }

    /** The runner of the target named {@code name}, null when there is none. */
    TargetRunner get(String name) {
        for (int slot = slot(name, slots.length); slots[slot] != 0; slot = (slot + 1) & (slots.length - 1)) {
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
        int h = name.hashCode();
        return (h ^ (h >>> 16)) & (size - 1);
    }
}
