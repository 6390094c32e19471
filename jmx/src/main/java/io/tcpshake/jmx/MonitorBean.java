package io.tcpshake.jmx;

import io.tcpshake.core.EngineInfo;
import io.tcpshake.core.config.DiscoveryStatus;
import io.tcpshake.core.config.ReloadControl;
import io.tcpshake.core.config.ReloadStatus;
import io.tcpshake.core.monitor.MonitorView;
import io.tcpshake.core.monitor.StateChange;
import io.tcpshake.core.monitor.TargetSnapshot;
import io.tcpshake.core.monitor.TargetState;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.management.NotificationBroadcasterSupport;

/** {@link MonitorMXBean} over a {@link MonitorView}; notifications go out on the thread that sends them. */
final class MonitorBean extends NotificationBroadcasterSupport implements MonitorMXBean {
    static final String NO_CONFIGURATION = "no configuration file";

    private final MonitorView monitor;
    private final ReloadControl reload;
    private final DiscoveryStatus discovery;
    private final Supplier<String> metricsUrl;
    private final ChecksRate rate;
    private final AtomicLong sequence = new AtomicLong();

    MonitorBean(MonitorView monitor, ReloadControl reload, DiscoveryStatus discovery, Supplier<String> metricsUrl,
            ChecksRate rate) {
        super(StateChangeNotifications.monitorInfo());
        this.monitor = monitor;
        this.reload = reload;
        this.discovery = discovery;
        this.metricsUrl = metricsUrl;
        this.rate = rate;
    }

    void stateChanged(StateChange change) {
        sendNotification(StateChangeNotifications.forMonitor(TcpshakeObjectNames.MONITOR,
                sequence.incrementAndGet(), change));
    }

    @Override
    public String getEngine() {
        return monitor.engineInfo().toString();
    }

    @Override
    public String getEngineKind() {
        return monitor.engineInfo().kind().name();
    }

    @Override
    public String getEngineFallbackReason() {
        EngineInfo info = monitor.engineInfo();
        return info.fallbackReason() == null ? "" : info.fallbackReason();
    }

    @Override
    public int getTargetCount() {
        return monitor.snapshot().targets().size();
    }

    @Override
    public String[] getTargetNames() {
        return monitor.snapshot().targets().stream().map(TargetSnapshot::name).toArray(String[]::new);
    }

    @Override
    public int getUpCount() {
        return (int) monitor.snapshot().upCount();
    }

    @Override
    public int getDownCount() {
        return (int) monitor.snapshot().downCount();
    }

    @Override
    public int getUnknownCount() {
        return (int) monitor.snapshot().targets().stream().filter(t -> t.state() == TargetState.UNKNOWN).count();
    }

    @Override
    public double getChecksPerSecond() {
        return rate.perSecond(monitor.snapshot().checksTotal());
    }

    @Override
    public int getChecksInFlight() {
        return monitor.snapshot().checksInFlight();
    }

    @Override
    public long getChecksTotal() {
        return monitor.snapshot().checksTotal();
    }

    @Override
    public String getConfigFile() {
        ReloadStatus status = lastReload();
        return status == null ? "" : status.configFile();
    }

    @Override
    public boolean isLastReloadSuccess() {
        ReloadStatus status = lastReload();
        return status != null && status.success();
    }

    @Override
    public Date getLastReloadTime() {
        ReloadStatus status = lastReload();
        return status == null ? null : Date.from(status.at());
    }

    @Override
    public String[] getLastReloadErrors() {
        ReloadStatus status = lastReload();
        return status == null ? new String[0] : status.errors().toArray(new String[0]);
    }

    @Override
    public String getDiscovery() {
        return discovery == null ? "" : discovery.state();
    }

    @Override
    public Map<String, Date> getDiscoveredTargets() {
        Map<String, Date> seen = new LinkedHashMap<>();
        if (discovery != null) {
            discovery.lastSeen().forEach((name, at) -> seen.put(name, Date.from(at)));
        }
        return seen;
    }

    @Override
    public String getMetricsUrl() {
        String url = metricsUrl == null ? null : metricsUrl.get();
        return url == null ? "" : url;
    }

    @Override
    public String reload() {
        return reload == null ? NO_CONFIGURATION : reload.reload().summary();
    }

    @Override
    public String checkNow(String targetName) {
        return CheckNowOperation.run(monitor, targetName);
    }

    private ReloadStatus lastReload() {
        return reload == null ? null : reload.lastReload();
    }
}
