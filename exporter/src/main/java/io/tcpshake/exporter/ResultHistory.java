package io.tcpshake.exporter;

import io.tcpshake.core.CheckResult;
import io.tcpshake.core.Outcome;
import io.tcpshake.core.monitor.MonitorListener;
import io.tcpshake.core.monitor.StateChange;
import io.tcpshake.core.monitor.Target;
import io.tcpshake.core.monitor.TargetSnapshot;
import io.tcpshake.core.monitor.TargetState;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The recent past of every target, for the status page and {@code /status.json}: the outcome and latency of
 * its last {@link #size()} checks (a ring: a byte and an int per check, allocated at a target's first result
 * and never grown) and the time it spent DOWN since the history began. Fed by the monitor's listener
 * thread, never the checking loop; a removed target's history is dropped.
 *
 * <p>Heap per target at the default size of {@value #DEFAULT_SIZE}: about 400 bytes (the two arrays, their
 * holder and its map entry), so about 4 MB at 10,000 targets; the scrape benchmark measures it.
 */
public final class ResultHistory implements MonitorListener {
    /** Checks kept per target by default. */
    public static final int DEFAULT_SIZE = 60;

    private final int size;
    private final Map<String, TargetHistory> byTarget = new ConcurrentHashMap<>();

    /** A history that keeps the last {@code size} results of each target, 1..1000. */
    public ResultHistory(int size) {
        if (size < 1 || size > 1000) {
            throw new IllegalArgumentException("history size " + size + " is out of range: expected 1..1000");
        }
        this.size = size;
    }

    /** Results kept per target. */
    public int size() {
        return size;
    }

    @Override
    public void onResult(TargetSnapshot snapshot, CheckResult result) {
        byTarget.computeIfAbsent(snapshot.name(), name -> new TargetHistory(size)).add(result);
    }

    @Override
    public void onStateChange(StateChange change) {
        TargetHistory history = byTarget.computeIfAbsent(change.targetName(), name -> new TargetHistory(size));
        history.stateChanged(change.from(), change.to(), change.at().toEpochMilli());
    }

    @Override
    public void onTargetChanged(Target previous, Target current) {
        if (current == null && previous != null) {
            byTarget.remove(previous.name());
        } else if (previous != null && !previous.sameEndpoint(current)) {
            // Another endpoint under the same name: its past says nothing about the new one.
            byTarget.remove(previous.name());
        }
    }

    /** The recent past of {@code targetName}, empty when nothing was heard of it. */
    Recent recent(String targetName, long nowMillis) {
        TargetHistory history = byTarget.get(targetName);
        return history == null ? Recent.EMPTY : history.copy(nowMillis);
    }

    /** One target's ring; synchronized, as the listener thread writes while page requests read. */
    private static final class TargetHistory {
        private static final Outcome[] OUTCOMES = Outcome.values();
        private final byte[] outcomes;
        private final int[] latencyMicros;
        private int next;
        private int count;
        private long downSinceMillis = -1;
        private long downMillis;

        TargetHistory(int size) {
            outcomes = new byte[size];
            latencyMicros = new int[size];
        }

        synchronized void add(CheckResult result) {
            outcomes[next] = (byte) result.outcome().ordinal();
            latencyMicros[next] = (int) Math.min(Integer.MAX_VALUE, result.latencyNanos() / 1000);
            next = (next + 1) % outcomes.length;
            count = Math.min(count + 1, outcomes.length);
        }

        synchronized void stateChanged(TargetState from, TargetState to, long atMillis) {
            if (from == TargetState.DOWN && downSinceMillis >= 0) {
                downMillis += Math.max(0, atMillis - downSinceMillis);
                downSinceMillis = -1;
            }
            if (to == TargetState.DOWN) {
                downSinceMillis = atMillis;
            }
        }

        synchronized Recent copy(long nowMillis) {
            Outcome[] copiedOutcomes = new Outcome[count];
            int[] copiedLatency = new int[count];
            int first = (next - count + outcomes.length) % outcomes.length;
            for (int i = 0; i < count; i++) {
                int slot = (first + i) % outcomes.length;
                copiedOutcomes[i] = OUTCOMES[outcomes[slot]];
                copiedLatency[i] = latencyMicros[slot];
            }
            long down = downMillis + (downSinceMillis >= 0 ? Math.max(0, nowMillis - downSinceMillis) : 0);
            return new Recent(copiedOutcomes, copiedLatency, down);
        }
    }

    /** A copy of one target's recent past, oldest result first. */
    static final class Recent {
        static final Recent EMPTY = new Recent(new Outcome[0], new int[0], 0);
        private final Outcome[] outcomes;
        private final int[] latencyMicros;
        private final long downMillis;

        Recent(Outcome[] outcomes, int[] latencyMicros, long downMillis) {
            this.outcomes = outcomes;
            this.latencyMicros = latencyMicros;
            this.downMillis = downMillis;
        }

        int count() {
            return outcomes.length;
        }

        Outcome outcome(int i) {
            return outcomes[i];
        }

        int latencyMicros(int i) {
            return latencyMicros[i];
        }

        /** Time spent DOWN since the history began, the current outage included. */
        long downMillis() {
            return downMillis;
        }

        /** Whether the check got an answer (SYN-ACK or reset), so its latency is a round trip, not a timeout. */
        boolean answered(int i) {
            return outcomes[i] == Outcome.UP || outcomes[i] == Outcome.REFUSED;
        }
    }
}
