package io.tcpshake.bench;

import io.tcpshake.core.CheckResult;
import io.tcpshake.core.EngineInfo;
import io.tcpshake.core.monitor.MonitorListener;
import io.tcpshake.core.monitor.MonitorSnapshot;
import io.tcpshake.core.monitor.MonitorView;
import io.tcpshake.core.monitor.RecentResults;
import io.tcpshake.core.monitor.TargetSnapshot;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** A view that passes every call on to a real monitor's; the benchmarks' views change one or two of them. */
abstract class ForwardingView implements MonitorView {
    final MonitorView monitor;

    ForwardingView(MonitorView monitor) {
        this.monitor = monitor;
    }

    @Override
    public MonitorSnapshot snapshot() {
        return monitor.snapshot();
    }

    @Override
    public Optional<TargetSnapshot> snapshot(String targetName) {
        return monitor.snapshot(targetName);
    }

    @Override
    public void forEachTarget(Consumer<? super TargetSnapshot> each) {
        monitor.forEachTarget(each);
    }

    @Override
    public int targetCount() {
        return monitor.targetCount();
    }

    @Override
    public int checksInFlight() {
        return monitor.checksInFlight();
    }

    @Override
    public RecentResults recentResults(String targetName) {
        return monitor.recentResults(targetName);
    }

    @Override
    public void addListener(MonitorListener listener) {
        monitor.addListener(listener);
    }

    @Override
    public void removeListener(MonitorListener listener) {
        monitor.removeListener(listener);
    }

    @Override
    public CompletableFuture<CheckResult> checkNow(String targetName) {
        return monitor.checkNow(targetName);
    }

    @Override
    public EngineInfo engineInfo() {
        return monitor.engineInfo();
    }

    @Override
    public CompletableFuture<CheckResult> probe(InetSocketAddress address, Duration timeout) {
        return monitor.probe(address, timeout);
    }

    @Override
    public CompletableFuture<InetAddress[]> resolve(String host, Duration timeout) {
        return monitor.resolve(host, timeout);
    }
}
