package io.tcpshake.jmx.jfr;

import io.tcpshake.core.CheckResult;
import io.tcpshake.core.Outcome;
import io.tcpshake.core.TcpshakeLoggers;
import io.tcpshake.core.monitor.MonitorListener;
import io.tcpshake.core.monitor.MonitorView;
import io.tcpshake.core.monitor.StateChange;
import io.tcpshake.core.monitor.TargetSnapshot;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Objects;
import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;

/**
 * A monitor's JDK Flight Recorder output: events in category {@code tcpshake}, written only while a
 * recording runs that enables them (JFR keeps a disabled event at the cost of one flag test).
 * <ul>
 *   <li>{@code io.tcpshake.StateChange}: every state change with the outcome and errno that decided it.
 *       Enabled by default, so any recording shows it ({@code -XX:StartFlightRecording}, {@code jcmd <pid>
 *       JFR.start}, JDK Mission Control).</li>
 *   <li>{@code io.tcpshake.TargetStatistics}: every target's counters and latencies, periodic, every 10 s
 *       by default.</li>
 *   <li>{@code io.tcpshake.Check}: one per check, with target, address, outcome, errno and latency.
 *       <b>Disabled by default</b>, in every JDK settings file: JFR's {@code default.jfc} and
 *       {@code profile.jfc} belong to the JDK and list only JDK events, so a third-party event takes the
 *       default of its {@code @Enabled} annotation under both. Turn it on explicitly:
 *       <ul>
 *         <li>JDK 17+: {@code -XX:StartFlightRecording:settings=profile,+io.tcpshake.Check#enabled=true} or
 *             {@code jcmd <pid> JFR.start +io.tcpshake.Check#enabled=true}; or make a settings file once
 *             with {@code jfr configure --input profile +io.tcpshake.Check#enabled=true --output
 *             tcpshake.jfc} and record with {@code settings=tcpshake.jfc};</li>
 *         <li>JDK 11: a copy of {@code $JAVA_HOME/lib/jfr/profile.jfc} with
 *             {@code <event name="io.tcpshake.Check"><setting name="enabled">true</setting></event>}
 *             added, passed as {@code settings=};</li>
 *         <li>in code: {@code recording.enable("io.tcpshake.Check")}; in JDK Mission Control: the
 *             recording wizard's event settings.</li>
 *       </ul>
 *   </li>
 * </ul>
 * The check and state-change events are committed on the monitor's listener thread when it reports the
 * result, never on the checking loop; the event's time is when the result was reported, its
 * {@code latency} field how long the check took. The statistics run on JFR's periodic thread and read
 * snapshots only.
 */
public final class JfrOutput implements AutoCloseable {
    private static final Logger LOG = TcpshakeLoggers.get("io.tcpshake.jmx");

    private final MonitorView monitor;
    private final Listener listener = new Listener();
    private final Runnable statistics = this::emitStatistics;
    private final FlightRecorderListener recorderStarts = new RecorderStarts();
    private boolean started;
    private boolean registered;
    private boolean closed;

    private JfrOutput(MonitorView monitor) {
        this.monitor = monitor;
    }

    /**
     * Registers the tcpshake events with JFR and starts writing them: at once when the JVM's Flight Recorder
     * is initialized (a recording was started, e.g. {@code -XX:StartFlightRecording}), else at the moment it
     * is (the first {@code jcmd JFR.start}, JDK Mission Control connecting, a {@code new Recording()}), so
     * that recordings and JMC list them before the first one happens. Until then nothing is done per check:
     * initializing JFR costs a few hundred milliseconds of CPU, which an application that never records
     * should not pay at start-up. Never throws: when JFR is not there (a runtime without the {@code jdk.jfr}
     * module, or a JVM built without it) it logs that once and does nothing.
     */
    public static JfrOutput start(MonitorView monitor) {
        Objects.requireNonNull(monitor, "monitor");
        JfrOutput output = new JfrOutput(monitor);
        output.listenForTheRecorder();
        return output;
    }

    private void listenForTheRecorder() {
        try {
            if (!FlightRecorder.isAvailable()) {
                LOG.log(Level.INFO, "JFR: not available in this JVM; tcpshake's JFR events are off.");
                return;
            }
            synchronized (this) {
                started = true;
            }
            // Calls recorderInitialized at once when the recorder is initialized already.
            FlightRecorder.addListener(recorderStarts);
        } catch (LinkageError | RuntimeException e) {
            synchronized (this) {
                started = false;
            }
            LOG.log(Level.WARNING, () -> "JFR: could not listen for the Flight Recorder: " + e
                    + "; the monitor runs on without tcpshake's JFR events.", e);
        }
    }

    /** On the thread that initializes the recorder, before any recording can start: register, then write. */
    private synchronized void register() {
        if (closed || registered) {
            return;
        }
        try {
            FlightRecorder.register(CheckEvent.class);
            FlightRecorder.register(StateChangeEvent.class);
            FlightRecorder.register(TargetStatisticsEvent.class);
            FlightRecorder.addPeriodicEvent(TargetStatisticsEvent.class, statistics);
            listener.checkEvents = EventType.getEventType(CheckEvent.class);
            monitor.addListener(listener);
            registered = true;
        } catch (LinkageError | RuntimeException e) {
            LOG.log(Level.WARNING, () -> "JFR: could not register tcpshake's events: " + e
                    + "; the monitor runs on without them.", e);
        }
    }

    /**
     * Whether the output is open and JFR is available: its events are registered and written, or will be
     * once the Flight Recorder is initialized.
     */
    public synchronized boolean isStarted() {
        return started && !closed;
    }

    /** Whether the events are registered with JFR now (the Flight Recorder was initialized). */
    synchronized boolean isRegistered() {
        return registered && !closed;
    }

    /** Stops writing events. Idempotent. */
    @Override
    public void close() {
        boolean listening;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            listening = started;
        }
        if (!listening) {
            return;
        }
        try {
            // Outside this object's lock: JFR calls recorderInitialized holding its own lock, then takes ours.
            FlightRecorder.removeListener(recorderStarts);
            boolean wasRegistered;
            synchronized (this) {
                wasRegistered = registered;
            }
            if (wasRegistered) {
                monitor.removeListener(listener);
                FlightRecorder.removePeriodicEvent(statistics);
            }
        } catch (LinkageError | RuntimeException e) {
            LOG.log(Level.WARNING, () -> "JFR: could not stop tcpshake's events: " + e, e);
        }
    }

    /** Registers the events when the JVM's Flight Recorder is initialized. */
    private final class RecorderStarts implements FlightRecorderListener {
        @Override
        public void recorderInitialized(FlightRecorder recorder) {
            register();
        }
    }

    private void emitStatistics() {
        for (TargetSnapshot target : monitor.snapshot().targets()) {
            TargetStatisticsEvent event = new TargetStatisticsEvent();
            if (!event.shouldCommit()) {
                return;
            }
            Map<Outcome, Long> counts = target.checksByOutcome();
            event.target = target.name();
            event.address = target.target().endpoint().toString();
            event.state = target.state().name();
            event.checks = target.checks();
            event.failures = target.failures();
            event.up = counts.get(Outcome.UP);
            event.refused = counts.get(Outcome.REFUSED);
            event.timeouts = counts.get(Outcome.TIMEOUT);
            event.unreachable = counts.get(Outcome.UNREACHABLE);
            event.resolveFailures = counts.get(Outcome.RESOLVE_FAILED);
            event.errors = counts.get(Outcome.ERROR);
            event.stateChanges = target.stateChanges();
            event.latencyMean = target.latency().meanNanos();
            event.latencyMax = target.latency().maxNanos();
            event.commit();
        }
    }

    private static final class Listener implements MonitorListener {
        /** Set when the events are registered, before the listener is added: then a field read per result. */
        private volatile EventType checkEvents;

        /** Only while a recording has {@code io.tcpshake.Check} enabled (it is off by default, even in profile). */
        @Override
        public boolean wantsResults() {
            EventType type = checkEvents;
            return type != null && type.isEnabled();
        }

        @Override
        public void onResult(TargetSnapshot snapshot, CheckResult result) {
            CheckEvent event = new CheckEvent();
            if (!event.shouldCommit()) {
                return;
            }
            event.target = snapshot.name();
            event.address = result.addressText();
            event.outcome = result.outcome().name();
            event.errno = result.errnoName();
            event.message = result.message();
            event.latency = result.latencyNanos();
            event.commit();
        }

        @Override
        public void onStateChange(StateChange change) {
            StateChangeEvent event = new StateChangeEvent();
            if (!event.shouldCommit()) {
                return;
            }
            CheckResult reason = change.reason();
            event.target = change.targetName();
            event.from = change.from().name();
            event.to = change.to().name();
            event.outcome = reason.outcome().name();
            event.errno = reason.errnoName();
            event.message = reason.message();
            event.address = reason.addressText();
            event.latency = reason.latencyNanos();
            event.commit();
        }
    }
}
