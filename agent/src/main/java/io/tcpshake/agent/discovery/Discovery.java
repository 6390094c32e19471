package io.tcpshake.agent.discovery;

import io.tcpshake.core.Checker;
import io.tcpshake.core.DaemonThreads;
import io.tcpshake.core.config.DiscoveryStatus;
import io.tcpshake.core.discovery.OutboundConnections;
import io.tcpshake.core.monitor.MonitorSnapshot;
import io.tcpshake.core.monitor.Target;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Discovery in a running agent: every {@code discovery.interval} it reads the connections this JVM holds
 * ({@link OutboundConnections}) and turns the endpoints into targets ({@link DiscoveredTargets}), which the
 * agent checks beside the file's.
 *
 * <p>Threads: none of its own that stays. The next scan is timed on the checker's loop, and the scan itself
 * (file reads) is handed to {@code tcpshake-scan}, a thread started for it and ended 0.1 s after, as
 * the file watch does: the loop is never held up by a scan. A scan that fails (no {@code /proc}, a sandbox,
 * not Linux) turns discovery off, with the reason in the log and in {@link #state()}; the rest of the agent
 * runs on.
 */
public final class Discovery implements DiscoveryStatus, AutoCloseable {
    private static final String THREAD = "tcpshake-scan";
    private static final long KEEP_ALIVE_MILLIS = 100;
    private static final long OWN_FDS_TIMEOUT_MILLIS = 2000;

    /** What discovery needs of the agent. */
    public interface Host {
        /** The monitor's latest snapshot: the file's targets, and the state of the discovered ones. */
        MonitorSnapshot snapshot();

        /** The discovered targets changed: apply {@link #targets()} beside the file's. */
        void discoveredChanged();

        /** Writes one of discovery's messages to the agent's log. */
        void log(System.Logger.Level level, String message);
    }

    /** The monitor's checker, read each time: the agent replaces it when targets.yaml asks for another engine. */
    private final Supplier<Checker> checker;
    private final OutboundConnections connections;
    private final Host host;
    private final Clock clock;
    private final DiscoveredTargets found;
    private final ExecutorService work;
    private final Object lock = new Object();

    private volatile boolean closed;
    private volatile String lastScan = "no scan yet";
    // guarded by lock
    private DiscoverySettings settings = DiscoverySettings.OFF;
    private boolean scheduled;
    private String failure;

    public Discovery(Supplier<Checker> checker, OutboundConnections connections, Path hostsFile, Clock clock,
            Host host) {
        this.checker = Objects.requireNonNull(checker, "checker");
        this.connections = Objects.requireNonNull(connections, "connections");
        this.host = Objects.requireNonNull(host, "host");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.found = new DiscoveredTargets(hostsFile, host::log);
        this.work = DaemonThreads.onDemandPool(DaemonThreads.named(THREAD), 1, KEEP_ALIVE_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Discovery of this JVM's connections, names from {@code /etc/hosts}. */
    public static Discovery ofThisProcess(Supplier<Checker> checker, Host host) {
        return new Discovery(checker, OutboundConnections.ofThisProcess(), HostsFile.SYSTEM, Clock.systemUTC(), host);
    }

    /**
     * Applies the settings of a (re)loaded configuration: starts scanning when they enable discovery (the
     * first scan at once), stops when they do not (the discovered targets go).
     */
    public void configure(DiscoverySettings next) {
        boolean startNow;
        boolean dropped = false;
        synchronized (lock) {
            settings = next;
            if (!next.enabled() && found.size() > 0) {
                found.clear();
                dropped = true;
            }
            startNow = next.enabled() && !scheduled && !closed && failure == null;
            if (startNow) {
                scheduled = true;
            }
        }
        if (startNow) {
            schedule(0);
        }
        if (dropped) {
            host.discoveredChanged();
        }
    }

    /** The discovered targets to check, with the current settings. */
    public List<Target> targets() {
        DiscoverySettings current;
        synchronized (lock) {
            current = settings;
        }
        return current.enabled() ? found.targets(current) : List.of();
    }

    @Override
    public String state() {
        synchronized (lock) {
            if (failure != null) {
                return "off: " + failure;
            }
            if (!settings.enabled()) {
                return OFF;
            }
            int over = found.overLimit();
            return "on: every " + seconds(settings.interval().toMillis()) + ", " + found.size()
                    + (found.size() == 1 ? " target" : " targets")
                    + (over > 0 ? ", " + over + " more over max_targets " + settings.maxTargets() : "")
                    + ", " + lastScan;
        }
    }

    @Override
    public Map<String, Instant> lastSeen() {
        return found.lastSeen();
    }

    /**
     * The targets to check: the file's, then the discovered ones that neither share a name with one of the
     * file's nor check the same IP and port (a file target changed since the last scan).
     */
    public static List<Target> beside(List<Target> file, List<Target> discovered) {
        if (discovered.isEmpty()) {
            return file;
        }
        Set<String> names = new HashSet<>();
        Set<String> addresses = new HashSet<>();
        for (Target target : file) {
            names.add(target.name());
            addresses.add(target.endpoint().toString());
        }
        List<Target> all = new ArrayList<>(file);
        for (Target target : discovered) {
            if (!names.contains(target.name()) && !addresses.contains(target.endpoint().toString())) {
                all.add(target);
            }
        }
        return all;
    }

    /**
     * Whether discovery can run in this JVM, by one scan of its sockets: {@code available (...)} or
     * {@code unavailable: cannot read this JVM's sockets (...)}; for the {@code version} command.
     */
    public static String probe() {
        try {
            OutboundConnections connections = OutboundConnections.ofThisProcess();
            OutboundConnections.Scan scan = connections.scan(new int[0], () -> new int[0]);
            return String.format(Locale.ROOT, "available (/proc/self/fd and %s: a scan took %.1f ms, %d sockets read)",
                    tableName(connections.table()), scan.nanos() / 1e6, scan.tableRows());
        } catch (IOException | RuntimeException | LinkageError e) {
            return "unavailable: cannot read this JVM's sockets (" + describe(e) + "); the agent checks the targets "
                    + "of its file only";
        }
    }

    /** Stops scanning. Takes no lock: the agent also closes it at JVM exit. */
    @Override
    public void close() {
        closed = true;
        work.shutdownNow();
    }

    private void schedule(long delayMillis) {
        try {
            checker.get().loopExecutor().schedule(this::handOver, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            stopped(); // the checker closed: the agent is closing
        }
    }

    private void handOver() {
        try {
            work.execute(this::scan);
        } catch (RejectedExecutionException e) {
            stopped();
        }
    }

    private void stopped() {
        synchronized (lock) {
            scheduled = false;
        }
    }

    private void scan() {
        DiscoverySettings current;
        synchronized (lock) {
            current = settings;
            if (closed || !current.enabled() || failure != null) {
                scheduled = false;
                return;
            }
        }
        boolean changed = false;
        int[] before = ownFds();
        try {
            if (before == null) {
                lastScan = "last scan skipped: the checker did not name its sockets in time";
            } else {
                OutboundConnections.Scan scan = connections.scan(before, () -> {
                    int[] after = ownFds();
                    return after == null ? before : after;
                });
                changed = found.update(scan.remotes(), clock.instant(), current, host.snapshot());
                lastScan = String.format(Locale.ROOT, "last scan %.1f ms (%d sockets of this JVM, %d read from %s)",
                        scan.nanos() / 1e6, scan.processSockets(), scan.tableRows(), tableName(connections.table()));
            }
        } catch (IOException | RuntimeException | LinkageError e) {
            fail(e);
        }
        if (changed) {
            host.discoveredChanged();
        }
        synchronized (lock) {
            if (closed || !settings.enabled() || failure != null) {
                scheduled = false;
                return;
            }
            current = settings;
        }
        schedule(current.interval().toMillis());
    }

    /**
     * The checker's socket descriptors, or null when it did not answer in time (a busy loop, or closing):
     * that scan is skipped rather than risk taking a check's socket for the application's.
     */
    private int[] ownFds() {
        try {
            return checker.get().socketFds().get(OWN_FDS_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException | TimeoutException e) {
            return null;
        }
    }

    private void fail(Throwable e) {
        String reason = "cannot read this JVM's sockets (" + describe(e) + ")";
        boolean hadTargets;
        synchronized (lock) {
            failure = reason;
            hadTargets = found.size() > 0;
            found.clear();
        }
        host.log(System.Logger.Level.WARNING, "tcpshake: discovery is off: " + reason + "; it needs Linux and a "
                + "readable /proc/self (fd, net/tcp, net/tcp6). The targets of the file are checked as before.");
        if (hadTargets) {
            host.discoveredChanged();
        }
    }

    private static String describe(Throwable e) {
        if (e instanceof NoSuchFileException) {
            return "no " + e.getMessage();
        }
        if (e instanceof AccessDeniedException) {
            return "not allowed to read " + e.getMessage();
        }
        return e.toString();
    }

    private static String tableName(OutboundConnections.Table table) {
        return table == OutboundConnections.Table.SOCK_DIAG ? "netlink sock_diag" : "/proc/self/net/tcp, tcp6";
    }

    private static String seconds(long millis) {
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }
}
