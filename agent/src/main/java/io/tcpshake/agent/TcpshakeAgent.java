package io.tcpshake.agent;

import io.tcpshake.agent.config.AgentConfig;
import io.tcpshake.agent.config.ConfigException;
import io.tcpshake.agent.config.ConfigLoader;
import io.tcpshake.agent.config.EngineNames;
import io.tcpshake.agent.discovery.Discovery;
import io.tcpshake.core.Checker;
import io.tcpshake.core.DaemonThreads;
import io.tcpshake.core.EngineChoice;
import io.tcpshake.core.TcpshakeLoggers;
import io.tcpshake.core.config.ReloadControl;
import io.tcpshake.core.config.ReloadStatus;
import io.tcpshake.core.monitor.Monitor;
import io.tcpshake.core.monitor.MonitorSnapshot;
import io.tcpshake.core.monitor.Target;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The agent inside a host JVM: reads the targets file, runs a {@link Monitor} over its targets, starts the
 * outputs the file asks for, and re-reads the file when it changes (or when asked through
 * {@link ReloadControl}, e.g. the MBean's {@code reload} operation).
 *
 * <p>A valid file is applied without restarting the checking loop; an invalid one is rejected with all its
 * errors, and the last good configuration keeps running. When the file is missing or invalid at start (or
 * its first read fails in any way, an {@code OutOfMemoryError} included), the agent keeps watching it and
 * starts monitoring once it is valid. Nothing here throws into the host application or exits it: failures
 * are logged once, with what to do.
 *
 * <p>Threads, all daemons named {@code tcpshake-*}. Always: the checking loop {@code tcpshake-loop},
 * which also runs the monitor's schedule, processes the check results and times the file watch (its
 * {@linkplain Checker#loopExecutor() loop executor}; the checker is built when the agent starts, since the
 * watch needs it before the file is first valid, and built again before the monitor starts when the first valid
 * file asks for another {@code engine:}, the timers pending on the first moving over). The watch's own work
 * (reading the file, parsing, applying) never runs on the loop, where a slow disk would stall the checks: the
 * first read and each poll are handed to {@code tcpshake-watch}, a thread started for it and ended 0.1 s after
 * (so not there between polls).
 * With discovery on ({@link Discovery}: the endpoints this JVM connects to, checked beside the file's targets;
 * with no file at all, the only targets), each scan of the JVM's connections runs the same way on
 * {@code tcpshake-scan}.
 * For a while: {@code tcpshake-events} while listener events (state-change log, JFR events, JMX
 * notifications, which run right on it) are being delivered, ended after 2 s without (a check's result is
 * an event only while a JFR recording has {@code io.tcpshake.Check} on: steady targets fire none); resolver threads
 * while host names are looked up; the exporter's JDK dispatcher and timer while it is on, and its handler
 * threads during scrapes. The start-up thread {@code tcpshake-start} ends once started, {@code tcpshake-log}
 * once it has written the messages held at start-up (see below). Names fit the 15 characters of Spring
 * Boot's log pattern.
 *
 * <p>Messages, the agent's and those of core, jmx and the exporter inside it ({@link AgentLogger}), go through
 * {@link AgentLog}, held back while the application's logging starts. At JVM shutdown
 * a hook, {@code tcpshake-stop}, stops the monitor, the checking loop and the outputs: a thread left waiting
 * in native code (the loop's {@code epoll_wait}, the exporter's selector) would make the JVM wait 0.3 s more
 * before it exits. It runs beside the application's own hooks, takes no lock, and writes what is still held.
 */
public final class TcpshakeAgent implements ReloadControl, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(AgentLog.AGENT);
    private static final String NOT_LOADED = "not loaded yet";
    private static final String WATCH_THREAD = "tcpshake-watch";
    private static final String STOP_THREAD = "tcpshake-stop";
    private static final String LOOP_THREAD = "tcpshake-loop";
    private static final String LOG_THREAD = "tcpshake-log";
    /** Far shorter than any poll interval: the watch thread is there during a poll, not between polls. */
    private static final long WATCH_KEEP_ALIVE_MILLIS = 100;
    /** How long the start thread waits for the first read before it says so and leaves it to the watch. */
    private static final long FIRST_LOAD_WAIT_SECONDS = 10;
    /** What runs without a targets file: no targets of its own, discovery with its defaults. */
    private static final String NO_FILE_CONFIG = "targets: []\ndiscovery: {}\n";
    private static final String NO_FILE = "(no targets file)";

    private final Path file;
    private final Map<String, String> overrides;
    private final Map<String, String> environment;
    private final AgentLog log;
    private final ConfigFileWatch watch;
    /**
     * Checks for the monitor; its loop also runs the monitor's schedule and the file watch's timer. Written under
     * lock, once at most after the constructor: the engine is a start-time setting.
     */
    private volatile Checker checker;
    /** Where each poll of the file runs, off the checking loop: a thread while polling, none in between. */
    private final ExecutorService watchWork;
    /** The dependencies found among this JVM's own connections, checked beside the file's targets. */
    private final Discovery discovery;
    private final Object lock = new Object();
    /** Held for a whole reload, file read included; never while {@link #lock} is held. */
    private final Object reloading = new Object();
    private final Duration unconfiguredPollInterval;
    private final Thread stopAtExit = new Thread(this::stop, STOP_THREAD);

    private volatile ReloadStatus lastReload;
    private volatile boolean closed;
    // written under lock, null until the first valid configuration; read without it when the JVM exits
    private volatile Monitor monitor;
    private volatile AgentOutputs outputs;
    // guarded by lock
    private AgentConfig applied;
    private EngineChoice checkerEngine = EngineChoice.AUTO;
    private ScheduledFuture<?> nextPoll;
    private ScheduledFuture<?> logRelease;

    private TcpshakeAgent(Path file, Map<String, String> overrides, Map<String, String> environment,
            AgentLog log, Duration unconfiguredPollInterval) {
        this.file = file;
        this.overrides = Map.copyOf(overrides);
        this.environment = Map.copyOf(environment);
        this.log = Objects.requireNonNull(log, "log");
        this.unconfiguredPollInterval = unconfiguredPollInterval;
        this.watch = file == null ? null : new ConfigFileWatch(file);
        this.checker = newChecker(EngineChoice.AUTO);
        this.watchWork = DaemonThreads.onDemandPool(DaemonThreads.named(WATCH_THREAD), 1, WATCH_KEEP_ALIVE_MILLIS,
                TimeUnit.MILLISECONDS);
        this.lastReload = new ReloadStatus(fileName(), Instant.now(), false, List.of(NOT_LOADED));
        this.discovery = Discovery.ofThisProcess(() -> checker, new Discovery.Host() {
            @Override
            public MonitorSnapshot snapshot() {
                Monitor running = monitor();
                return running == null ? new MonitorSnapshot(Instant.now(), List.of(), 0, 0) : running.snapshot();
            }

            @Override
            public void discoveredChanged() {
                applyTargets();
            }

            @Override
            public void log(System.Logger.Level level, String message) {
                TcpshakeAgent.this.log.log(AgentLog.AGENT, level, message, null);
            }
        });
    }

    /**
     * The entry point from {@code io.tcpshake.bootstrap.TcpshakeBootstrap}, on its daemon thread
     * {@code tcpshake-start}: parses the agent argument, loads the file and starts. Never throws.
     *
     * @param agentArgs the text after {@code tcpshake.jar=}
     * @param startedBy {@code -javaagent} or {@code attach}
     * @return whether the agent runs (monitoring, or watching its targets file until it is valid); false when
     *     it stayed off (no file given, a malformed option, a failure to start)
     */
    public static boolean start(String agentArgs, String startedBy) {
        try {
            AgentArgs args = AgentArgs.parse(agentArgs).orFile(System.getProperty(AgentArgs.CONFIG_PROPERTY));
            Duration hold = HostLogging.remainingHold(args.logHold());
            AgentLog log = hold.isZero() ? AgentLog.direct(AgentLog.SYSTEM_LOGGER)
                    : AgentLog.holding(AgentLog.SYSTEM_LOGGER);
            // The messages of core, jmx and the exporter (a taken MBean name, no JFR) are held with the agent's.
            TcpshakeLoggers.route(name -> new AgentLogger(name, log));
            open(args.file().map(Paths::get).orElse(null), args.overrides(), System.getenv(), log,
                    AgentConfig.DEFAULT_RELOAD_INTERVAL).releaseLogAfter(hold);
            return true;
        } catch (IllegalArgumentException e) {
            System.err.println("tcpshake: " + e.getMessage() + "; tcpshake stays off");
        } catch (RuntimeException | LinkageError e) {
            System.err.println("tcpshake: could not start (" + e + "); the application runs on without it");
            LOG.log(System.Logger.Level.ERROR, "tcpshake could not start", e);
        }
        return false;
    }

    private static Checker newChecker(EngineChoice engine) {
        // Complete checks on the loop thread: their only taker is the monitor, whose processing is short.
        return Checker.builder().engine(engine).callbacksOnLoopThread().threadName(LOOP_THREAD).build();
    }

    /**
     * Loads {@code file} and starts monitoring when it is valid; either way starts watching it. Without a
     * file (null), discovery runs with its defaults and nothing is watched.
     *
     * @param overrides {@code key=value} options of the agent argument, which override the file
     * @param environment for {@code ${VAR:-default}} in the file
     * @param log where the agent's messages go
     * @param unconfiguredPollInterval how often the file is polled while it was never valid
     */
    static TcpshakeAgent open(Path file, Map<String, String> overrides, Map<String, String> environment,
            AgentLog log, Duration unconfiguredPollInterval) {
        TcpshakeAgent agent = new TcpshakeAgent(file, overrides, environment, log, unconfiguredPollInterval);
        try {
            agent.checker.start();
        } catch (RuntimeException e) {
            agent.close();
            throw e;
        }
        agent.stopAtJvmExit();
        // The first read runs on the watch thread too: whatever is at the path, the start thread waits a
        // bounded time, and the watch goes on whether that read succeeds, fails or takes long.
        Future<?> first = agent.watchWork.submit(agent::firstLoad);
        try {
            first.get(FIRST_LOAD_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            log.warning("tcpshake: reading " + file + " takes longer than " + FIRST_LOAD_WAIT_SECONDS + " s (a"
                    + " stuck network mount?); monitoring starts once it has been read");
        } catch (ExecutionException e) {
            log.error("tcpshake: the first read of " + file + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return agent;
    }

    /**
     * Writes the held messages once {@code hold} has passed: timed on the loop, written on a thread of its own,
     * {@code tcpshake-log}, that ends with it (neither the loop nor the watch, which a slow appender or a slow
     * file must not hold up).
     */
    private void releaseLogAfter(Duration hold) {
        if (!log.holding()) {
            return;
        }
        try {
            synchronized (lock) {
                logRelease = checker.loopExecutor().schedule(this::releaseLog, hold.toMillis(),
                        TimeUnit.MILLISECONDS);
            }
        } catch (RejectedExecutionException e) {
            log.release();
        }
    }

    private void releaseLog() {
        DaemonThreads.named(LOG_THREAD).newThread(log::release).start();
    }

    private void stopAtJvmExit() {
        try {
            Runtime.getRuntime().addShutdownHook(stopAtExit);
        } catch (IllegalStateException e) {
            // The JVM is exiting already: stop now, so that its exit waits for no thread of ours.
            stop();
        }
    }

    /** The first read of the file, then the watch's first poll, whatever happened. */
    private void firstLoad() {
        try {
            if (file == null) {
                ReloadStatus first = reload();
                if (!first.success()) {
                    log.warning("tcpshake: the agent options are not valid, tcpshake stays off:\n  "
                            + String.join("\n  ", first.errors()));
                }
                return;
            }
            watch.markSeen();
            ReloadStatus first = reload();
            if (!first.success()) {
                log.warning("tcpshake: " + file + " is not valid, not monitoring yet (fix it: it is re-read every "
                        + seconds(pollInterval()) + "):\n  " + String.join("\n  ", first.errors()));
            }
        } catch (RuntimeException | LinkageError | OutOfMemoryError e) {
            log.warning("tcpshake: reading " + file + " failed (" + e + "); it is read again every "
                    + seconds(pollInterval()) + " until it is valid");
        } finally {
            scheduleWatch();
        }
    }

    @Override
    public ReloadStatus lastReload() {
        return lastReload;
    }

    /**
     * Reads the file now. Valid: its targets replace the running ones (the checking loop runs on). Invalid:
     * every error is logged and recorded, and the last good configuration keeps running.
     */
    @Override
    public ReloadStatus reload() {
        // One reload at a time; the state lock is not held while the file is read, so a slow read delays no
        // close() and no question about the state.
        synchronized (reloading) {
            Instant at = Instant.now();
            if (closed) {
                return record(new ReloadStatus(fileName(), at, false, List.of("the tcpshake agent is closed")));
            }
            AgentConfig config;
            try {
                config = file == null ? ConfigLoader.parse(NO_FILE_CONFIG, NO_FILE, overrides, environment)
                        : ConfigLoader.load(file, overrides, environment);
            } catch (ConfigException e) {
                return rejected(at, e.errors());
            } catch (RuntimeException e) {
                log.error("tcpshake: reading " + file + " failed unexpectedly", e);
                return rejected(at, List.of(file + ": " + e));
            } catch (OutOfMemoryError e) {
                // What failed was reading this file; what it allocated is garbage again.
                return rejected(at, List.of(file + ": reading it needed more heap than the JVM had free (" + e
                        + "): it is read again when it changes"));
            }
            synchronized (lock) {
                if (closed) {
                    return record(new ReloadStatus(fileName(), at, false, List.of("the tcpshake agent is closed")));
                }
                try {
                    if (monitor == null) {
                        useEngine(config.engine());
                        startMonitoring(config);
                    } else {
                        applyChange(config);
                    }
                } catch (RuntimeException e) {
                    log.error("tcpshake: applying " + file + " failed", e);
                    return rejected(at, List.of(file + ": cannot apply: " + e.getMessage()));
                }
                applied = config;
                discovery.configure(config.discovery());
                applyTargets(); // the discovered targets with the settings just read
                return record(new ReloadStatus(fileName(), at, true, List.of()));
            }
        }
    }

    /**
     * Builds the checker again for the engine the first valid configuration asks for, before anything checks
     * on it, and moves the timers pending on the one built at start. An engine that cannot run here (epoll
     * without JNA) leaves the one built at start, saying so; the raw engine without CAP_NET_RAW falls back by
     * itself, and its reason is on the start-up line.
     */
    private void useEngine(EngineChoice engine) {
        if (engine == checkerEngine) {
            return;
        }
        Checker built = null;
        try {
            built = newChecker(engine);
            built.start();
        } catch (RuntimeException e) {
            if (built != null) {
                built.close();
            }
            log.warning("tcpshake: " + sourceName() + " asks for engine " + EngineNames.name(engine) + ", which cannot"
                    + " run here (" + e.getMessage() + "): checking with engine " + checker.engineInfo());
            return;
        }
        Checker started = checker;
        checker = built;
        checkerEngine = engine;
        nextPoll = moved(nextPoll, this::handOverPoll);
        logRelease = moved(logRelease, this::releaseLog);
        started.close();
        if (closed) {
            built.close(); // stop() ran meanwhile and may have closed the one built at start only
        }
    }

    /** {@code timer}'s task, still to run, scheduled on the current checker's loop with the delay it had left. */
    private ScheduledFuture<?> moved(ScheduledFuture<?> timer, Runnable task) {
        if (timer == null || timer.isDone() || !timer.cancel(false)) {
            return timer;
        }
        long delay = Math.max(0, timer.getDelay(TimeUnit.MILLISECONDS));
        return checker.loopExecutor().schedule(task, delay, TimeUnit.MILLISECONDS);
    }

    private void startMonitoring(AgentConfig config) {
        // The status page's history is kept whatever the exporter's state: the exporter may be turned on by a reload.
        Monitor built = Monitor.builder().checker(checker).latencyBuckets(this::latencyBucketsRead)
                .recentResults(Monitor.STATUS_PAGE_RECENT_RESULTS).build();
        AgentOutputs started = null;
        try {
            built.addListener(new StateChangeLog(log));
            built.replaceAll(config.targets());
            // Outputs first, so that they show every result and the start-up line comes before any state change.
            started = AgentOutputs.start(built, this, discovery, config, file, log);
            built.start();
        } catch (RuntimeException e) {
            if (started != null) {
                started.close();
            }
            built.close();
            throw e;
        }
        monitor = built;
        outputs = started;
        String discovering = config.discovery().enabled()
                ? "discovery every " + seconds(config.discovery().interval()) : "discovery off";
        log.info(file == null
                ? "tcpshake: no targets file given: checking the endpoints this JVM connects to (" + discovering
                        + "), " + outputs.describe() + ", engine " + built.engineInfo()
                : "tcpshake: monitoring " + config.targets().size() + " targets from " + file + ", "
                        + outputs.describe() + ", engine " + built.engineInfo() + ", " + discovering);
    }

    /**
     * Whether an output reads {@code target}'s latency buckets. Every target keeps them until the outputs
     * have started; {@link #applyTargets} then asks again, after each configuration is applied.
     */
    private boolean latencyBucketsRead(Target target) {
        AgentOutputs current = outputs;
        return current == null || current.readsLatencyBuckets(target.name());
    }

    private void applyChange(AgentConfig config) {
        monitor.replaceAll(Discovery.beside(config.targets(), discovery.targets()));
        outputs.apply(config);
        log.info("tcpshake: reloaded " + file + ": " + config.targets().size() + " targets");
        String restartOnly = AgentOutputs.settingsChanged(applied, config);
        if (!restartOnly.isEmpty()) {
            log.warning("tcpshake: " + file + " changed " + restartOnly
                    + ": that takes effect when the JVM starts again (the targets were applied now)");
        }
    }

    /** The file's targets and the discovered ones, after discovery found or dropped one. */
    private void applyTargets() {
        synchronized (lock) {
            if (monitor != null && applied != null && !closed) {
                monitor.replaceAll(Discovery.beside(applied.targets(), discovery.targets()));
            }
        }
    }

    private ReloadStatus rejected(Instant at, List<String> errors) {
        String running;
        synchronized (lock) {
            if (applied == null && lastReload.errors().equals(List.of(NOT_LOADED))) {
                // The first load: firstLoad() logs the errors in its line; logging them here too would repeat them.
                return record(new ReloadStatus(fileName(), at, false, errors));
            }
            running = monitor == null ? "not monitoring yet"
                    : "keeping the last good configuration (" + applied.targets().size() + " targets)";
        }
        log.warning("tcpshake: " + file + " is not valid, " + running + ":\n  "
                + String.join("\n  ", errors));
        return record(new ReloadStatus(fileName(), at, false, errors));
    }

    private ReloadStatus record(ReloadStatus status) {
        lastReload = status;
        return status;
    }

    /** The next poll: timed on the checking loop, run on the watch thread (never the loop: it reads a file). */
    private void scheduleWatch() {
        if (closed || file == null) {
            return; // without a file there is nothing to watch
        }
        try {
            synchronized (lock) {
                nextPoll = checker.loopExecutor().schedule(this::handOverPoll, pollInterval().toMillis(),
                        TimeUnit.MILLISECONDS);
            }
        } catch (RejectedExecutionException e) {
            // The checker closed: the agent is closing, or its loop failed (logged there); nothing more to watch.
        }
    }

    private void handOverPoll() {
        try {
            watchWork.execute(this::poll);
        } catch (RejectedExecutionException e) {
            // Closed meanwhile.
        }
    }

    private void poll() {
        try {
            if (watchingFile() && watch.changed()) {
                reload();
            }
        } catch (RuntimeException | LinkageError | OutOfMemoryError e) {
            log.error("tcpshake: watching " + file + " failed; retrying", e);
        } finally {
            scheduleWatch();
        }
    }

    /** {@code reload: {interval: 0}} turns watching off: then only the reload operation re-reads the file. */
    private boolean watchingFile() {
        synchronized (lock) {
            return file != null && (applied == null || !applied.reloadInterval().isZero());
        }
    }

    private Duration pollInterval() {
        synchronized (lock) {
            Duration interval = applied == null ? unconfiguredPollInterval : applied.reloadInterval();
            return interval.isZero() || interval.isNegative() ? AgentConfig.DEFAULT_RELOAD_INTERVAL : interval;
        }
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.getSeconds() + "s" : duration.toMillis() + "ms";
    }

    /** The file, or what stands in for it in messages. */
    private String sourceName() {
        return file == null ? "the agent options" : file.toString();
    }

    /** The file as given, or empty without one. */
    private String fileName() {
        return file == null ? "" : file.toString();
    }

    /** Where the metrics are served; empty while not monitoring, or when the exporter is off or failed to start. */
    Optional<String> metricsUrl() {
        synchronized (lock) {
            return outputs == null ? Optional.empty() : Optional.ofNullable(outputs.metricsUrl());
        }
    }

    /** Whether the configuration applied asks for the exporter. */
    boolean exporterWanted() {
        synchronized (lock) {
            return applied != null && applied.exporter().enabled();
        }
    }

    /** The running monitor, null until the file was valid once. */
    Monitor monitor() {
        synchronized (lock) {
            return monitor;
        }
    }

    /** Stops watching, the outputs and the monitor. An agent in a host JVM runs until the JVM exits. */
    @Override
    public void close() {
        synchronized (lock) {
            stop();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException e) {
            // The JVM is exiting: the hook runs (or ran) stop() too, which is idempotent.
        }
    }

    /**
     * Stops the monitor, the checking loop, the outputs and the watch, then writes what is still held. Takes
     * no lock, as it also runs at JVM exit, where a poll stuck reading the file must not hold it up. Idempotent.
     */
    private void stop() {
        closed = true;
        discovery.close();
        // The loop first: nothing an output does at exit (JFR dumping a recording holds its lock) delays it.
        Monitor running = monitor;
        if (running != null) {
            running.close();
        }
        checker.close();
        AgentOutputs started = outputs;
        if (started != null) {
            started.close();
        }
        watchWork.shutdownNow();
        log.release();
    }
}
