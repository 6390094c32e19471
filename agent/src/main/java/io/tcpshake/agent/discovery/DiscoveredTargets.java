package io.tcpshake.agent.discovery;

import io.tcpshake.core.Endpoint;
import io.tcpshake.core.HostPort;
import io.tcpshake.core.monitor.AddressSnapshot;
import io.tcpshake.core.monitor.MonitorSnapshot;
import io.tcpshake.core.monitor.Target;
import io.tcpshake.core.monitor.TargetSnapshot;
import io.tcpshake.core.monitor.TargetSource;
import io.tcpshake.core.monitor.TargetState;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The endpoints discovery has made targets of, each with its name and when it was last seen connected;
 * updated by each scan. An endpoint becomes a target when the filter takes it, no file target checks it
 * already and there is room under {@code max_targets}; it stays while connected, while DOWN (that is when
 * it matters), and until {@code forget_after} has passed since it was last seen connected otherwise.
 * Thread-safe: scans update it, outputs read it.
 */
final class DiscoveredTargets {
    private final Path hostsFile;
    private final BiConsumer<Level, String> log;
    private final Map<InetSocketAddress, Found> found = new LinkedHashMap<>();
    private final Set<InetSocketAddress> overLimit = new HashSet<>();
    private boolean overLimitLogged;

    private static final class Found {
        final String name;
        Instant lastSeen;

        Found(String name, Instant lastSeen) {
            this.name = name;
            this.lastSeen = lastSeen;
        }
    }

    /** @param log where "discovered", "no longer checking" and "over max_targets" go, with their level */
    DiscoveredTargets(Path hostsFile, BiConsumer<Level, String> log) {
        this.hostsFile = hostsFile;
        this.log = log;
    }

    /**
     * Applies one scan: {@code connected} are the endpoints the process is connected to now; {@code
     * monitor} says which the file's targets check and the state of each discovered one.
     *
     * @return whether the set of discovered targets changed
     */
    synchronized boolean update(Set<InetSocketAddress> connected, Instant now, DiscoverySettings settings,
            MonitorSnapshot monitor) {
        FileTargets file = FileTargets.of(monitor);
        boolean changed = forget(connected, now, settings, file, monitor);
        HostsFile hosts = null;
        overLimit.retainAll(connected);
        for (InetSocketAddress endpoint : connected) {
            Found known = found.get(endpoint);
            if (known != null) {
                known.lastSeen = now;
                continue;
            }
            if (!settings.filter().accepts(endpoint) || file.checks(endpoint)) {
                continue;
            }
            if (found.size() >= settings.maxTargets()) {
                overLimit(endpoint, settings);
                continue;
            }
            if (hosts == null) {
                hosts = HostsFile.read(hostsFile);
            }
            String name = nameFor(endpoint, hosts, file.names());
            if (name == null) {
                continue;
            }
            found.put(endpoint, new Found(name, now));
            changed = true;
            log.accept(Level.INFO, "tcpshake: discovered a dependency: " + name + " ("
                    + HostPort.format(endpoint) + "), checking it every "
                    + seconds(settings.targets().interval()));
        }
        return changed;
    }

    /** Drops what the settings or the file now leave out, and what was not seen for forget_after unless DOWN. */
    private boolean forget(Set<InetSocketAddress> connected, Instant now, DiscoverySettings settings,
            FileTargets file, MonitorSnapshot monitor) {
        boolean changed = false;
        for (Iterator<Map.Entry<InetSocketAddress, Found>> it = found.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<InetSocketAddress, Found> entry = it.next();
            InetSocketAddress endpoint = entry.getKey();
            Found known = entry.getValue();
            String why = null;
            if (!settings.filter().accepts(endpoint)) {
                why = "discovery.include/exclude leave it out now";
            } else if (file.checks(endpoint) || file.names().contains(known.name)) {
                why = "a target of the file checks it now";
            } else if (!connected.contains(endpoint)
                    && Duration.between(known.lastSeen, now).compareTo(settings.forgetAfter()) >= 0
                    && stateOf(monitor, known.name) != TargetState.DOWN) {
                why = "not connected since " + known.lastSeen + " (discovery.forget_after "
                        + seconds(settings.forgetAfter()) + ")";
            }
            if (why != null) {
                it.remove();
                changed = true;
                log.accept(Level.INFO, "tcpshake: no longer checking the discovered dependency "
                        + known.name + " (" + HostPort.format(endpoint) + "): " + why);
            }
        }
        // A reload that lowered max_targets: the latest found go first, and count as over the limit.
        List<InetSocketAddress> order = new ArrayList<>(found.keySet());
        for (int i = order.size() - 1; i >= settings.maxTargets(); i--) {
            Found dropped = found.remove(order.get(i));
            changed = true;
            log.accept(Level.INFO, "tcpshake: no longer checking the discovered dependency "
                    + dropped.name + " (" + HostPort.format(order.get(i)) + "): over discovery.max_targets ("
                    + settings.maxTargets() + ") now");
        }
        return changed;
    }

    private void overLimit(InetSocketAddress endpoint, DiscoverySettings settings) {
        overLimit.add(endpoint);
        if (!overLimitLogged) {
            overLimitLogged = true;
            log.accept(Level.WARNING, "tcpshake: discovery found more endpoints than discovery.max_targets ("
                    + settings.maxTargets() + "): " + HostPort.format(endpoint) + " and any further ones are not "
                    + "checked (their number is in the Monitor MBean's Discovery attribute); raise max_targets or "
                    + "narrow discovery.include/exclude. Logged once.");
        }
    }

    /** The discovered targets, with {@code settings}' timing and labels and a {@code service} label where known. */
    synchronized List<Target> targets(DiscoverySettings settings) {
        List<Target> targets = new ArrayList<>(found.size());
        for (Map.Entry<InetSocketAddress, Found> entry : found.entrySet()) {
            InetSocketAddress endpoint = entry.getKey();
            Target.Builder builder = Target.builder(Endpoint.parse(HostPort.format(endpoint)))
                    .name(entry.getValue().name).source(TargetSource.DISCOVERED).settings(settings.targets());
            // A service label of discovery.defaults' own wins.
            ServicePorts.of(endpoint.getPort()).filter(service -> !settings.targets().labels().containsKey("service"))
                    .ifPresent(service -> builder.label("service", service));
            targets.add(builder.build());
        }
        return targets;
    }

    /** Discovered target names with when each was last seen connected. */
    synchronized Map<String, Instant> lastSeen() {
        Map<String, Instant> seen = new LinkedHashMap<>();
        found.values().forEach(f -> seen.put(f.name, f.lastSeen));
        return Collections.unmodifiableMap(seen);
    }

    /** Endpoints connected now but not checked, because max_targets was reached. */
    synchronized int overLimit() {
        return overLimit.size();
    }

    synchronized int size() {
        return found.size();
    }

    synchronized void clear() {
        found.clear();
        overLimit.clear();
    }

    /**
     * {@code service@name:port} ({@code postgresql@db.internal:5432}), with the hosts file's name for the
     * address where it has one and the IP otherwise; null when every form is taken.
     */
    private String nameFor(InetSocketAddress endpoint, HostsFile hosts, Set<String> fileNames) {
        String service = ServicePorts.of(endpoint.getPort()).map(s -> s + "@").orElse("");
        List<String> candidates = new ArrayList<>();
        hosts.nameOf(endpoint.getAddress()).ifPresent(name -> candidates.add(service + name + ":" + endpoint.getPort()));
        candidates.add(service + HostPort.format(endpoint));
        Set<String> taken = new HashSet<>(fileNames);
        found.values().forEach(f -> taken.add(f.name));
        return candidates.stream().filter(name -> !taken.contains(name)).findFirst().orElse(null);
    }

    private static TargetState stateOf(MonitorSnapshot monitor, String name) {
        for (TargetSnapshot target : monitor.targets()) {
            if (target.name().equals(name)) {
                return target.state();
            }
        }
        return TargetState.UNKNOWN;
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.getSeconds() + "s" : duration.toMillis() + "ms";
    }

    /** What the file's targets check: their IP literals and the addresses their names resolved to. */
    static final class FileTargets {
        private final Set<InetSocketAddress> endpoints = new HashSet<>();
        private final Set<String> names = new HashSet<>();

        static FileTargets of(MonitorSnapshot monitor) {
            FileTargets file = new FileTargets();
            for (TargetSnapshot snapshot : monitor.targets()) {
                Target target = snapshot.target();
                if (target.source() != TargetSource.FILE) {
                    continue;
                }
                file.names.add(target.name());
                if (!target.endpoint().isName()) {
                    file.endpoints.add(target.endpoint().socketAddress());
                }
                if (snapshot.lastResult() != null && snapshot.lastResult().address() != null) {
                    file.endpoints.add(snapshot.lastResult().address());
                }
                for (AddressSnapshot address : snapshot.addresses()) {
                    file.endpoints.add(address.address());
                }
            }
            return file;
        }

        boolean checks(InetSocketAddress endpoint) {
            return endpoints.contains(endpoint);
        }

        Set<String> names() {
            return names;
        }
    }
}
