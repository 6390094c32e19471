package io.tcpshake.core.monitor;

import io.tcpshake.core.CheckResult;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Remembers every event and the thread it came on. */
final class RecordingListener implements MonitorListener {
    final List<CheckResult> results = new CopyOnWriteArrayList<>();
    final List<TargetSnapshot> resultSnapshots = new CopyOnWriteArrayList<>();
    final List<StateChange> changes = new CopyOnWriteArrayList<>();
    final List<String> targetChanges = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();

    @Override
    public void onResult(TargetSnapshot snapshot, CheckResult result) {
        threads.add(Thread.currentThread().getName());
        resultSnapshots.add(snapshot);
        results.add(result);
    }

    @Override
    public void onStateChange(StateChange change) {
        threads.add(Thread.currentThread().getName());
        changes.add(change);
    }

    @Override
    public void onTargetChanged(Target previous, Target current) {
        threads.add(Thread.currentThread().getName());
        targetChanges.add((previous == null ? "-" : previous.name() + "@" + previous.endpoint()) + " => "
                + (current == null ? "-" : current.name() + "@" + current.endpoint()));
    }
}
