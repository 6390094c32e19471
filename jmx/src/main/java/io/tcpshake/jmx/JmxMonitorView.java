package io.tcpshake.jmx;

import io.tcpshake.core.CheckResult;
import io.tcpshake.core.EngineInfo;
import io.tcpshake.core.EngineKind;
import io.tcpshake.core.TcpshakeLoggers;
import io.tcpshake.core.monitor.MonitorListener;
import io.tcpshake.core.monitor.MonitorSnapshot;
import io.tcpshake.core.monitor.MonitorView;
import io.tcpshake.core.monitor.Target;
import io.tcpshake.core.monitor.TargetSnapshot;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MBeanServerDelegate;
import javax.management.MBeanServerNotification;
import javax.management.Notification;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import javax.management.relation.MBeanServerNotificationFilter;

/**
 * A {@link MonitorView} of the monitor whose MBeans ({@link MonitorMXBean}, {@link TargetMXBean}) are
 * registered on an MBeanServer: for code that cannot share the monitor's classes, such as an application
 * beside the tcpshake agent, whose monitor lives in the agent's own class loader. Every read goes through
 * the MBeans' attributes (open types), so it never waits on a check; before the MBeans are registered, and
 * after they are gone, the view has no targets.
 *
 * <p>Reads of one target less than {@value #REUSE_MILLIS} ms apart share one read of its MBean: a registry
 * reads a target's ten meters at different moments of one scrape (one meter family after the other), and
 * each read of an MBean takes the monitor's snapshot once per attribute. A snapshot is therefore at most
 * that old; {@link #checkNow} and the registration events read afresh.
 *
 * <p>What the MBeans do not show is not in its snapshots: a target's jitter, IP preference and initial
 * delay are at their defaults; the result that decided a state, per-address states and the latency
 * histogram are absent. Listeners hear targets added and removed (the registration of their MBeans, on the
 * thread that registers them, with this class's loader as its context class loader), not results, state
 * changes or a change of a target's settings.
 */
public final class JmxMonitorView implements MonitorView {
    private static final Logger LOG = TcpshakeLoggers.get("io.tcpshake.jmx");
    /** How long one read of a target's MBean serves further reads of that target. */
    static final long REUSE_MILLIS = 1000;
    private static final long REUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(REUSE_MILLIS);

    private final MBeanServer server;
    private final List<MonitorListener> listeners = new CopyOnWriteArrayList<>();
    /** The latest read of each target, reused for a while and, when its MBean goes, for the removal event. */
    private final Map<String, Read> recent = new ConcurrentHashMap<>();
    private final NotificationListener registrations = this::registrationChanged;
    private boolean subscribed;

    private JmxMonitorView(MBeanServer server) {
        this.server = server;
    }

    /** The monitor whose MBeans are on the platform MBeanServer (the agent registers its own there). */
    public static JmxMonitorView platform() {
        return on(ManagementFactory.getPlatformMBeanServer());
    }

    /** The monitor whose MBeans are on {@code server}. */
    public static JmxMonitorView on(MBeanServer server) {
        return new JmxMonitorView(Objects.requireNonNull(server, "server"));
    }

    /** Whether the monitor's MBean, {@code io.tcpshake:type=Monitor}, is registered. */
    public boolean registered() {
        return server.isRegistered(TcpshakeObjectNames.MONITOR);
    }

    /** The {@link MonitorMXBean#getMetricsUrl()} of the monitor: where its own Prometheus endpoint serves. */
    public Optional<String> metricsUrl() {
        return attribute("MetricsUrl").map(Object::toString).filter(url -> !url.isEmpty());
    }

    @Override
    public MonitorSnapshot snapshot() {
        List<TargetSnapshot> targets = new ArrayList<>();
        List<String> names = List.of((String[]) attribute("TargetNames").orElse(new String[0]));
        for (String name : names) {
            snapshot(name).ifPresent(targets::add);
        }
        // Targets gone without an event heard (no listener): their last reads are of no further use.
        recent.keySet().retainAll(names);
        return new MonitorSnapshot(Instant.now(), targets,
                attribute("ChecksInFlight").map(n -> ((Number) n).intValue()).orElse(0),
                attribute("ChecksTotal").map(n -> ((Number) n).longValue()).orElse(0L));
    }

    @Override
    public Optional<TargetSnapshot> snapshot(String targetName) {
        Read read = recent.get(targetName);
        long now = System.nanoTime();
        return read != null && now - read.at < REUSE_NANOS ? Optional.of(read.snapshot) : read(targetName, now);
    }

    /** Reads the target's MBean now. */
    private Optional<TargetSnapshot> read(String targetName, long now) {
        try {
            TargetSnapshot snapshot = new TargetAttributes(
                    server.getAttributes(TcpshakeObjectNames.target(targetName), TargetAttributes.NAMES)).snapshot();
            recent.put(targetName, new Read(now, snapshot));
            return Optional.of(snapshot);
        } catch (InstanceNotFoundException e) {
            recent.remove(targetName);
            return Optional.empty();
        } catch (JMException | RuntimeException e) {
            LOG.log(Level.DEBUG, () -> "JMX view: could not read target '" + targetName + "': " + e, e);
            return Optional.empty();
        }
    }

    @Override
    public synchronized void addListener(MonitorListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        if (!subscribed) {
            MBeanServerNotificationFilter filter = new MBeanServerNotificationFilter();
            filter.enableAllObjectNames();
            try {
                server.addNotificationListener(MBeanServerDelegate.DELEGATE_NAME, registrations, filter, null);
                subscribed = true;
            } catch (InstanceNotFoundException e) {
                throw new IllegalStateException("the MBeanServer has no delegate: " + e, e);
            }
        }
    }

    @Override
    public synchronized void removeListener(MonitorListener listener) {
        listeners.remove(listener);
        if (listeners.isEmpty() && subscribed) {
            subscribed = false;
            try {
                server.removeNotificationListener(MBeanServerDelegate.DELEGATE_NAME, registrations);
            } catch (JMException e) {
                // Not subscribed any more: nothing to undo.
            }
        }
    }

    /** Runs the target's {@link TargetMXBean#checkNow()} on another thread, then reads the result it left. */
    @Override
    public CompletableFuture<CheckResult> checkNow(String targetName) {
        ObjectName name = TcpshakeObjectNames.target(targetName);
        if (!server.isRegistered(name)) {
            throw new IllegalArgumentException("no target named '" + targetName + "' in the monitor's MBeans");
        }
        return CompletableFuture.supplyAsync(() -> {
            try {
                server.invoke(name, "checkNow", new Object[0], new String[0]);
            } catch (JMException e) {
                throw new IllegalStateException("checkNow of " + name + " failed: " + e, e);
            }
            return read(targetName, System.nanoTime()).map(TargetSnapshot::lastResult).orElseThrow(
                    () -> new IllegalStateException("target '" + targetName + "' was removed during its check"));
        });
    }

    /** The engine as the MBean shows it; before the MBean is registered, NIO with an empty description. */
    @Override
    public EngineInfo engineInfo() {
        String kind = attribute("EngineKind").map(Object::toString).orElse(EngineKind.NIO.name());
        String shown = attribute("Engine").map(Object::toString).orElse("");
        String fallback = attribute("EngineFallbackReason").map(Object::toString).filter(r -> !r.isEmpty()).orElse(null);
        // The Engine attribute is EngineInfo.toString(): the description, then the fallback's reason.
        String suffix = fallback == null ? "" : " (fallback: " + fallback + ")";
        String description = shown.endsWith(suffix) ? shown.substring(0, shown.length() - suffix.length()) : shown;
        return new EngineInfo(EngineKind.valueOf(kind), description, fallback);
    }

    private Optional<Object> attribute(String name) {
        try {
            return Optional.ofNullable(server.getAttribute(TcpshakeObjectNames.MONITOR, name));
        } catch (InstanceNotFoundException e) {
            return Optional.empty();
        } catch (JMException | RuntimeException e) {
            LOG.log(Level.DEBUG, () -> "JMX view: could not read " + name + " of " + TcpshakeObjectNames.MONITOR
                    + ": " + e, e);
            return Optional.empty();
        }
    }

    private void registrationChanged(Notification notification, Object handback) {
        if (!(notification instanceof MBeanServerNotification)) {
            return;
        }
        ObjectName name = ((MBeanServerNotification) notification).getMBeanName();
        if (!TcpshakeObjectNames.ALL_TARGETS.apply(name)) {
            return;
        }
        String target = ObjectName.unquote(name.getKeyProperty("name"));
        Read last = recent.remove(target);
        Target previous = last == null ? null : last.snapshot.target();
        Target current = MBeanServerNotification.REGISTRATION_NOTIFICATION.equals(notification.getType())
                ? read(target, System.nanoTime()).map(TargetSnapshot::target).orElse(null) : null;
        if (previous == null && current == null) {
            return;
        }
        // The registering thread may be another class loader's (the agent's): the listeners run with this view's.
        Thread thread = Thread.currentThread();
        ClassLoader previousLoader = thread.getContextClassLoader();
        thread.setContextClassLoader(JmxMonitorView.class.getClassLoader());
        try {
            for (MonitorListener listener : listeners) {
                try {
                    listener.onTargetChanged(current == null ? previous : null, current);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, () -> "JMX view: a listener failed on target '" + target + "': " + e, e);
                }
            }
        } finally {
            thread.setContextClassLoader(previousLoader);
        }
    }

    private static final class Read {
        final long at;
        final TargetSnapshot snapshot;

        Read(long at, TargetSnapshot snapshot) {
            this.at = at;
            this.snapshot = snapshot;
        }
    }
}
