package io.tcpshake.jmx;

import io.tcpshake.core.CheckResult;
import io.tcpshake.core.HostPort;
import io.tcpshake.core.Outcome;
import io.tcpshake.core.monitor.AddressSnapshot;
import io.tcpshake.core.monitor.LatencySummary;
import io.tcpshake.core.monitor.MonitorView;
import io.tcpshake.core.monitor.StateChange;
import io.tcpshake.core.monitor.Target;
import io.tcpshake.core.monitor.TargetSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationBroadcasterSupport;
import javax.management.ObjectName;

/**
 * {@link TargetMXBean} over one target of a {@link MonitorView}. Each read takes the monitor's latest
 * snapshot of the target; after the target is gone (its MBean is being unregistered) the last one seen.
 */
final class TargetBean extends NotificationBroadcasterSupport implements TargetMXBean {
    private final MonitorView monitor;
    private final String name;
    private final ObjectName objectName;
    private final AtomicLong sequence = new AtomicLong();
    private volatile TargetSnapshot lastSeen;

    TargetBean(MonitorView monitor, TargetSnapshot initial) {
        super(StateChangeNotifications.targetInfo());
        this.monitor = monitor;
        this.name = initial.name();
        this.objectName = TcpshakeObjectNames.target(name);
        this.lastSeen = initial;
    }

    ObjectName objectName() {
        return objectName;
    }

    void stateChanged(StateChange change) {
        sendNotification(StateChangeNotifications.forTarget(objectName, sequence.incrementAndGet(), change));
    }

    private TargetSnapshot snapshot() {
        TargetSnapshot now = monitor.snapshot(name).orElse(lastSeen);
        lastSeen = now;
        return now;
    }

    private CheckResult last() {
        return snapshot().lastResult();
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getAddress() {
        return snapshot().target().endpoint().toString();
    }

    @Override
    public String getState() {
        return snapshot().state().name();
    }

    @Override
    public Date getStateSince() {
        return Date.from(snapshot().stateSince());
    }

    @Override
    public long getSecondsInState() {
        return Math.max(0, Duration.between(snapshot().stateSince(), Instant.now()).getSeconds());
    }

    @Override
    public String getStateReason() {
        CheckResult reason = snapshot().stateReason();
        return reason == null ? "" : reason.toString();
    }

    @Override
    public int getConsecutive() {
        return snapshot().consecutive();
    }

    @Override
    public String getLastOutcome() {
        CheckResult last = last();
        return last == null ? "" : last.outcome().name();
    }

    @Override
    public double getLastLatencyMillis() {
        CheckResult last = last();
        return last == null ? 0 : millis(last.latencyNanos());
    }

    @Override
    public int getLastErrno() {
        CheckResult last = last();
        return last == null ? 0 : last.errno();
    }

    @Override
    public String getLastErrnoName() {
        CheckResult last = last();
        return last == null ? "" : last.errnoName();
    }

    @Override
    public String getLastErrnoText() {
        CheckResult last = last();
        return last == null ? "" : last.message();
    }

    @Override
    public String getLastAddress() {
        CheckResult last = last();
        return last == null ? "" : last.addressText();
    }

    @Override
    public Date getLastCheckTime() {
        Instant time = snapshot().lastCheckTime();
        return time == null ? null : Date.from(time);
    }

    @Override
    public long getChecks() {
        return snapshot().checks();
    }

    @Override
    public long getFailures() {
        return snapshot().failures();
    }

    @Override
    public Map<String, Long> getChecksByOutcome() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Map.Entry<Outcome, Long> entry : snapshot().checksByOutcome().entrySet()) {
            counts.put(entry.getKey().name(), entry.getValue());
        }
        return counts;
    }

    @Override
    public long getStateChanges() {
        return snapshot().stateChanges();
    }

    @Override
    public long getLatencyCount() {
        return latency().count();
    }

    @Override
    public double getLatencyLastMillis() {
        return millis(latency().lastNanos());
    }

    @Override
    public double getLatencyMinMillis() {
        return millis(latency().minNanos());
    }

    @Override
    public double getLatencyMaxMillis() {
        return millis(latency().maxNanos());
    }

    @Override
    public double getLatencyMeanMillis() {
        return millis(latency().meanNanos());
    }

    @Override
    public long getIntervalMillis() {
        return target().interval().toMillis();
    }

    @Override
    public long getFastIntervalMillis() {
        return target().fastInterval().toMillis();
    }

    @Override
    public long getDownIntervalMillis() {
        return target().downInterval().toMillis();
    }

    @Override
    public long getTimeoutMillis() {
        return target().timeout().toMillis();
    }

    @Override
    public int getRise() {
        return target().rise();
    }

    @Override
    public int getFall() {
        return target().fall();
    }

    @Override
    public String getAddressPolicy() {
        return target().addressPolicy().name();
    }

    @Override
    public Map<String, String> getAddressStates() {
        Map<String, String> states = new LinkedHashMap<>();
        for (AddressSnapshot address : snapshot().addresses()) {
            states.put(HostPort.format(address.address()), address.state().name());
        }
        return states;
    }

    @Override
    public Map<String, String> getLabels() {
        return new LinkedHashMap<>(target().labels());
    }

    @Override
    public boolean isCritical() {
        return target().critical();
    }

    @Override
    public String checkNow() {
        return CheckNowOperation.run(monitor, name);
    }

    private LatencySummary latency() {
        return snapshot().latency();
    }

    private Target target() {
        return snapshot().target();
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
