package io.tcpshake.jmx;

import io.tcpshake.core.DaemonThreads;
import io.tcpshake.core.TcpshakeLoggers;
import io.tcpshake.core.config.ReloadControl;
import io.tcpshake.core.monitor.MonitorListener;
import io.tcpshake.core.monitor.MonitorView;
import io.tcpshake.core.monitor.StateChange;
import io.tcpshake.core.monitor.Target;
import io.tcpshake.core.monitor.TargetSnapshot;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * A monitor's JMX output: the {@link MonitorMXBean} as {@code io.tcpshake:type=Monitor} and one
 * {@link TargetMXBean} per target as {@code io.tcpshake:type=Target,name="<name>"}, kept in step with the
 * targets as they are added and removed, plus state-change notifications.
 *
 * <h2>Notifications</h2>
 * Every state change is sent twice, so a client can pick what suits it:
 * <ul>
 *   <li>by the target's MBean, as a standard {@link javax.management.AttributeChangeNotification} of
 *       attribute {@code State} (type {@code jmx.attribute.change}, old and new value {@code UNKNOWN},
 *       {@code UP} or {@code DOWN}): what JConsole's Notifications tab shows per target;</li>
 *   <li>by the Monitor MBean, as type {@value #STATE_CHANGE_TYPE}: one subscription hears every target,
 *       including targets added later by a reload.</li>
 * </ul>
 * Both carry the same {@code CompositeData} user data with items {@code target}, {@code from}, {@code to},
 * {@code at} (Date), {@code outcome}, {@code errno} (int), {@code errnoName}, {@code message} and
 * {@code address} (of the check that decided the change). Notifications and MBean (un)registration run,
 * in the order the monitor reports them and never on the checking loop, on one daemon thread
 * {@code tcpshake-jmx-N} (started on demand, so a slow JMX listener never holds up the monitor's own listener
 * thread), or on the executor given to
 * {@link #register(MonitorView, ReloadControl, Supplier, MBeanServer, Executor)}.
 *
 * <h2>Never fails the caller</h2>
 * Registration problems are logged ({@code System.Logger} {@code io.tcpshake.jmx}) and the monitor runs
 * on, as HikariCP does. A name that is already registered is replaced when an older, unclosed
 * {@code JmxOutput} of this class loader holds it (a monitor restarted without closing its output), and
 * otherwise left alone and skipped with a warning (another tcpshake agent or application owns it: taking
 * it over would let that one's {@code close()} unregister ours).
 */
public final class JmxOutput implements AutoCloseable {
    /** The type of the Monitor MBean's state-change notifications. */
    public static final String STATE_CHANGE_TYPE = "tcpshake.state.change";

    private static final Logger LOG = TcpshakeLoggers.get("io.tcpshake.jmx");
    private static final AtomicLong GENERATIONS = new AtomicLong();
    private static final long CLOSE_WAIT_MILLIS = 2000;

    private final long generation = GENERATIONS.incrementAndGet();
    private final MonitorView monitor;
    private final MBeanServer server;
    private final MonitorBean monitorBean;
    private final Executor events;
    /** The output's own notification thread, or null when the caller gave the executor. */
    private final ExecutorService ownEvents;
    private final MonitorListener listener = new Listener();
    /** Target MBeans this output registered, by target name. Guarded by this. */
    private final Map<String, TargetBean> targets = new LinkedHashMap<>();
    private boolean monitorRegistered;
    private boolean problemReported;
    private boolean closed;

    private JmxOutput(MonitorView monitor, ReloadControl reload, Supplier<String> metricsUrl, MBeanServer server,
            Executor notifications) {
        this.monitor = monitor;
        this.server = server;
        this.ownEvents = notifications == null ? DaemonThreads.singleThreadExecutor("tcpshake-jmx") : null;
        this.events = notifications == null ? ownEvents : notifications;
        this.monitorBean = new MonitorBean(monitor, reload, metricsUrl,
                new ChecksRate(System::nanoTime, checksTotalNow(monitor)));
    }

    /**
     * Registers the monitor's MBeans on {@code server} and keeps them up to date until {@link #close()}.
     * Never throws on a registration problem: it is logged and the rest goes on.
     *
     * @param monitor the monitor to show
     * @param reload the configuration behind the monitor, for the {@code reload()} operation and the reload
     *     attributes; null when there is none (library use)
     * @param metricsUrl where the Prometheus endpoint serves, asked on each read; null (or returning null)
     *     when it does not run
     * @param server where to register; null for the platform MBeanServer
     */
    public static JmxOutput register(MonitorView monitor, ReloadControl reload, Supplier<String> metricsUrl,
            MBeanServer server) {
        return register(monitor, reload, metricsUrl, server, null);
    }

    /**
     * As {@link #register(MonitorView, ReloadControl, Supplier, MBeanServer)}, with notifications and MBean
     * (un)registration run on {@code notifications} instead of a thread of the output's own. The tasks are
     * handed over one at a time from the monitor's listener thread, in the order the monitor reports them;
     * keep the order with a single-threaded executor, or run them right there with {@code Runnable::run} (as
     * the agent does: no thread of its own, at the price that a slow JMX notification listener delays the
     * monitor's later listener events, never a check). The caller shuts the executor down; tasks it refuses
     * are dropped.
     *
     * @param notifications where notifications are sent; null for a daemon thread of the output's own,
     *     {@code tcpshake-jmx-N}, started on demand
     */
    public static JmxOutput register(MonitorView monitor, ReloadControl reload, Supplier<String> metricsUrl,
            MBeanServer server, Executor notifications) {
        Objects.requireNonNull(monitor, "monitor");
        JmxOutput output = new JmxOutput(monitor, reload, metricsUrl,
                server != null ? server : ManagementFactory.getPlatformMBeanServer(), notifications);
        output.start();
        return output;
    }

    private void start() {
        try {
            // Listen first, then register what exists: a target added in between is seen either way, and
            // adding an already registered target is a no-op.
            monitor.addListener(listener);
            synchronized (this) {
                monitorRegistered = registerOwned(TcpshakeObjectNames.MONITOR, monitorBean);
                for (TargetSnapshot target : monitor.snapshot().targets()) {
                    addTarget(target);
                }
                int registered = targets.size();
                // DEBUG: an application (as the agent's start-up line) says what it registered in its own words.
                LOG.log(Level.DEBUG, () -> "JMX: " + (monitorRegistered ? "registered " : "did not register ")
                        + TcpshakeObjectNames.MONITOR + " and " + registered + " target MBeans");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, () -> "JMX: could not set up the MBeans: " + e
                    + "; the monitor runs on without them.", e);
        }
    }

    /** The ObjectNames this output has registered and still owns (a newer output may have taken some over). */
    public synchronized Set<ObjectName> registeredNames() {
        Set<ObjectName> names = new LinkedHashSet<>();
        if (monitorRegistered) {
            names.add(TcpshakeObjectNames.MONITOR);
        }
        for (TargetBean bean : targets.values()) {
            names.add(bean.objectName());
        }
        // A newer output may have taken some over (see MBeanOwners).
        names.removeIf(name -> !MBeanOwners.owns(server, name, this));
        return names;
    }

    /**
     * Stops listening and unregisters every MBean this output still owns; notifications not sent yet are
     * dropped. Idempotent.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            monitor.removeListener(listener);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, () -> "JMX: could not stop listening to the monitor: " + e, e);
        }
        if (ownEvents != null) {
            ownEvents.shutdown();
            try {
                // Let a notification being sent finish (queued ones are dropped: closed is set); a stuck JMX
                // listener delays close by this much at most.
                ownEvents.awaitTermination(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            for (TargetBean bean : targets.values()) {
                MBeanOwners.unregister(server, bean.objectName(), this);
            }
            targets.clear();
            if (monitorRegistered) {
                MBeanOwners.unregister(server, TcpshakeObjectNames.MONITOR, this);
                monitorRegistered = false;
            }
        }
    }

    long generation() {
        return generation;
    }

    private static long checksTotalNow(MonitorView monitor) {
        try {
            return monitor.snapshot().checksTotal();
        } catch (RuntimeException e) {
            // The first rate then covers every check so far; start() reports what is wrong.
            return 0;
        }
    }

    /** Guarded by this. */
    private void addTarget(TargetSnapshot snapshot) {
        if (closed || targets.containsKey(snapshot.name())) {
            return;
        }
        TargetBean bean = new TargetBean(monitor, snapshot);
        if (registerOwned(bean.objectName(), bean)) {
            targets.put(snapshot.name(), bean);
        }
    }

    /**
     * Guarded by this. The first problem is logged at WARNING, later ones at DEBUG: with many targets the
     * same cause (a taken domain, a refusing server) would otherwise log once per target.
     */
    private boolean registerOwned(ObjectName name, Object bean) {
        try {
            if (MBeanOwners.register(server, name, bean, this)) {
                return true;
            }
            reportProblem(null, () -> "JMX: " + name + " is already registered by another tcpshake (another "
                    + "agent, or an application with its own tcpshake) or another library; this monitor's "
                    + "MBean is not registered under that name. Turn the JMX output off in one of them "
                    + "(jmx: {enabled: false}) to see this one.");
        } catch (JMException | RuntimeException e) {
            reportProblem(e, () -> "JMX: could not register " + name + ": " + e
                    + "; the monitor runs on without this MBean.");
        }
        return false;
    }

    private void reportProblem(Throwable cause, Supplier<String> message) {
        Level level = problemReported ? Level.DEBUG : Level.WARNING;
        problemReported = true;
        if (cause == null) {
            LOG.log(level, message);
        } else {
            LOG.log(level, message, cause);
        }
    }

    /** Guarded by this. */
    private void removeTarget(String name) {
        TargetBean bean = targets.remove(name);
        if (bean != null) {
            MBeanOwners.unregister(server, bean.objectName(), this);
        }
    }

    private void targetChanged(Target previous, Target current) {
        synchronized (this) {
            if (closed) {
                return;
            }
            if (previous != null && (current == null || !previous.name().equals(current.name()))) {
                removeTarget(previous.name());
            }
            if (current != null) {
                // A target removed again since is absent: nothing to register.
                monitor.snapshot(current.name()).ifPresent(this::addTarget);
            }
        }
    }

    private void stateChanged(StateChange change) {
        TargetBean bean;
        boolean toMonitor;
        synchronized (this) {
            if (closed) {
                return;
            }
            bean = targets.get(change.targetName());
            toMonitor = monitorRegistered;
        }
        // Outside the lock: JMX listeners run inside sendNotification.
        if (bean != null) {
            bean.stateChanged(change);
        }
        if (toMonitor) {
            monitorBean.stateChanged(change);
        }
    }

    private void onEventThread(String what, Runnable task) {
        try {
            events.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, () -> "JMX: " + what + " failed: " + e, e);
                }
            });
        } catch (RejectedExecutionException e) {
            // Closed: the MBeans are going away, nothing to update.
        }
    }

    /** Hands everything to the notification executor, in the order the monitor reports it. */
    private final class Listener implements MonitorListener {
        @Override
        public void onStateChange(StateChange change) {
            onEventThread("state change notification for " + change.targetName(), () -> stateChanged(change));
        }

        @Override
        public void onTargetChanged(Target previous, Target current) {
            onEventThread("MBean update for target " + (current != null ? current : previous).name(),
                    () -> targetChanged(previous, current));
        }
    }
}
