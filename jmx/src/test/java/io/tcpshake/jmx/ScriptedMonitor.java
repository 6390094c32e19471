package io.tcpshake.jmx;

import io.tcpshake.core.CheckResult;
import io.tcpshake.core.EngineInfo;
import io.tcpshake.core.EngineKind;
import io.tcpshake.core.Outcome;
import io.tcpshake.core.monitor.LatencySummary;
import io.tcpshake.core.monitor.MonitorListener;
import io.tcpshake.core.monitor.MonitorSnapshot;
import io.tcpshake.core.monitor.MonitorView;
import io.tcpshake.core.monitor.StateChange;
import io.tcpshake.core.monitor.Target;
import io.tcpshake.core.monitor.TargetSnapshot;
import io.tcpshake.core.monitor.TargetState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link MonitorView} that shows exactly the snapshots a test gives it and tells its listeners what the
 * test says happened: for checking how snapshots map to MBean attributes and events. End-to-end tests use
 * the real Monitor.
 */
final class ScriptedMonitor implements MonitorView {
    private final Map<String, TargetSnapshot> targets = new LinkedHashMap<>();
    private final List<MonitorListener> listeners = new CopyOnWriteArrayList<>();
    private volatile int checksInFlight;
    private volatile long checksTotal;
    private volatile CheckResult checkNowResult;

    static TargetSnapshot snapshot(Target target, TargetState state, Instant since, CheckResult last,
            Map<Outcome, Long> counts, long stateChanges, LatencySummary latency) {
        return new TargetSnapshot(target, state, since, state == TargetState.UNKNOWN ? null : last, last,
                last == null ? null : since, 0, counts, stateChanges, latency, List.of());
    }

    static TargetSnapshot unknown(Target target) {
        return snapshot(target, TargetState.UNKNOWN, Instant.now(), null, Map.of(), 0, LatencySummary.EMPTY);
    }

    /** Shows {@code snapshot}; tells listeners the target was added or changed. */
    void put(TargetSnapshot snapshot) {
        TargetSnapshot previous;
        synchronized (this) {
            previous = targets.put(snapshot.name(), snapshot);
        }
        if (previous == null || !previous.target().equals(snapshot.target())) {
            listeners.forEach(l -> l.onTargetChanged(previous == null ? null : previous.target(), snapshot.target()));
        }
    }

    void remove(String name) {
        TargetSnapshot previous;
        synchronized (this) {
            previous = targets.remove(name);
        }
        if (previous != null) {
            listeners.forEach(l -> l.onTargetChanged(previous.target(), null));
        }
    }

    /** Shows the snapshot after the change and tells listeners about it. */
    void change(StateChange change) {
        synchronized (this) {
            targets.put(change.targetName(), change.snapshot());
        }
        listeners.forEach(l -> l.onStateChange(change));
    }

    void result(TargetSnapshot snapshot, CheckResult result) {
        synchronized (this) {
            targets.put(snapshot.name(), snapshot);
        }
        listeners.forEach(l -> l.onResult(snapshot, result));
    }

    void totals(int inFlight, long total) {
        this.checksInFlight = inFlight;
        this.checksTotal = total;
    }

    void checkNowAnswers(CheckResult result) {
        this.checkNowResult = result;
    }

    int listenerCount() {
        return listeners.size();
    }

    @Override
    public synchronized MonitorSnapshot snapshot() {
        return new MonitorSnapshot(Instant.now(), new ArrayList<>(targets.values()), checksInFlight, checksTotal);
    }

    @Override
    public synchronized Optional<TargetSnapshot> snapshot(String targetName) {
        return Optional.ofNullable(targets.get(targetName));
    }

    @Override
    public void addListener(MonitorListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(MonitorListener listener) {
        listeners.remove(listener);
    }

    @Override
    public CompletableFuture<CheckResult> checkNow(String targetName) {
        if (snapshot(targetName).isEmpty()) {
            throw new IllegalArgumentException("no target is named '" + targetName + "'");
        }
        return checkNowResult == null ? new CompletableFuture<>() : CompletableFuture.completedFuture(checkNowResult);
    }

    @Override
    public EngineInfo engineInfo() {
        return new EngineInfo(EngineKind.NIO, "nio (scripted)", "epoll engine not built yet");
    }
}
