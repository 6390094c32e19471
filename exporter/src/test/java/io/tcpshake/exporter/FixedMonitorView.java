package io.tcpshake.exporter;

import io.tcpshake.core.CheckResult;
import io.tcpshake.core.EngineInfo;
import io.tcpshake.core.EngineKind;
import io.tcpshake.core.monitor.MonitorListener;
import io.tcpshake.core.monitor.MonitorSnapshot;
import io.tcpshake.core.monitor.MonitorView;
import io.tcpshake.core.monitor.TargetSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A test double: a MonitorView that shows whatever snapshot the test hands it, whole or one target at a time,
 * and counts the whole ones taken. Checks are not made.
 */
final class FixedMonitorView implements MonitorView {
    static final EngineInfo ENGINE = new EngineInfo(EngineKind.NIO, "nio (test)", null);

    private volatile MonitorSnapshot snapshot;
    private volatile RuntimeException failure;
    private volatile Runnable beforeSnapshot = () -> { };
    private final AtomicInteger wholeSnapshots = new AtomicInteger();

    FixedMonitorView(List<TargetSnapshot> targets) {
        show(targets, 0);
    }

    void show(List<TargetSnapshot> targets, int inFlight) {
        long total = targets.stream().mapToLong(TargetSnapshot::checks).sum();
        snapshot = new MonitorSnapshot(Instant.parse("2026-11-26T10:00:00Z"), targets, inFlight, total);
    }

    /** From now on, taking a snapshot throws {@code failure} (null: works again). */
    void failWith(RuntimeException failure) {
        this.failure = failure;
    }

    /**
     * From now on, {@code hook} runs on the caller's thread before each reading of the targets, whole or one
     * by one (e.g. to hold scrapes).
     */
    void beforeSnapshot(Runnable hook) {
        this.beforeSnapshot = hook;
    }

    /** How many times the whole snapshot was taken ({@link #snapshot()}). */
    int wholeSnapshots() {
        return wholeSnapshots.get();
    }

    @Override
    public MonitorSnapshot snapshot() {
        wholeSnapshots.incrementAndGet();
        return read();
    }

    @Override
    public void forEachTarget(Consumer<? super TargetSnapshot> each) {
        read().targets().forEach(each);
    }

    @Override
    public int targetCount() {
        return snapshot.targets().size();
    }

    @Override
    public int checksInFlight() {
        return snapshot.checksInFlight();
    }

    private MonitorSnapshot read() {
        beforeSnapshot.run();
        RuntimeException failing = failure;
        if (failing != null) {
            throw failing;
        }
        return snapshot;
    }

    @Override
    public Optional<TargetSnapshot> snapshot(String targetName) {
        return snapshot.targets().stream().filter(t -> t.name().equals(targetName)).findFirst();
    }

    @Override
    public void addListener(MonitorListener listener) {
    }

    @Override
    public void removeListener(MonitorListener listener) {
    }

    @Override
    public CompletableFuture<CheckResult> checkNow(String targetName) {
        CompletableFuture<CheckResult> never = new CompletableFuture<>();
        never.completeExceptionally(new UnsupportedOperationException("a fixed view makes no checks"));
        return never;
    }

    @Override
    public EngineInfo engineInfo() {
        return ENGINE;
    }
}
