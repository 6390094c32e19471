package io.tcpshake.agent.config;

import io.tcpshake.core.monitor.AddressPolicy;
import io.tcpshake.core.monitor.IpPreference;
import io.tcpshake.core.monitor.TargetSettings;
import io.tcpshake.exporter.LabelNames;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads the keys {@code defaults:} and a target share (interval, timeout, rise, fall, jitter, ...) into
 * {@link TargetSettings}, over a base (the built-in defaults, or the file's defaults for a target), and checks
 * that the timeout fits the intervals where either was set.
 */
final class SettingsReader {
    static final Map<String, AddressPolicy> ADDRESS_POLICIES = orderedMap(
            "first", AddressPolicy.FIRST, "any", AddressPolicy.ANY, "all", AddressPolicy.ALL);

    private final ReadContext context;
    /** The settings read so far, by themselves and their labels' order: equal ones are one value. */
    private final Map<List<Object>, TargetSettings> shared = new HashMap<>();

    SettingsReader(ReadContext context) {
        this.context = context;
    }

    /** The values {@code block} sets laid over {@code base}; labels are merged, the block's win. */
    TargetSettings read(ConfigBlock block, TargetSettings base) {
        TargetSettings.Builder settings = base.toBuilder();
        Optional<Duration> ownInterval = block.duration("interval", false);
        Optional<Duration> ownTimeout = block.duration("timeout", false);
        ownInterval.ifPresent(settings::interval);
        ownTimeout.ifPresent(settings::timeout);
        block.integer("rise", 1, 1000, "a whole number from 1 to 1000").ifPresent(settings::rise);
        block.integer("fall", 1, 1000, "a whole number from 1 to 1000").ifPresent(settings::fall);
        jitter(block).ifPresent(settings::jitter);
        Optional<Duration> ownFast = block.duration("fast_interval", false);
        Optional<Duration> ownDown = block.duration("down_interval", false);
        ownFast.ifPresent(settings::fastInterval);
        ownDown.ifPresent(settings::downInterval);
        block.duration("initial_delay", true).ifPresent(settings::initialDelay);
        block.choice("addresses", ADDRESS_POLICIES).ifPresent(settings::addressPolicy);
        block.choice("ip", IpPreference.NAMES, IpPreference.ALIASES).ifPresent(settings::ipPreference);
        settings.labels(labels(block));
        TargetSettings read = settings.build();

        // A value that did not parse is reported already; comparing its fallback would add a confusing error.
        boolean readable = block.isSet("timeout") == ownTimeout.isPresent()
                && block.isSet("interval") == ownInterval.isPresent()
                && block.isSet("fast_interval") == ownFast.isPresent()
                && block.isSet("down_interval") == ownDown.isPresent();
        if (readable) {
            checkTimeoutFits(block, read);
        }
        // Targets that only take the defaults share one settings value (at 10,000 targets, 1 MB less), and so
        // do targets that set the same values of their own (labels in the same order too: outputs keep it).
        return read.equals(base) ? base : shared.computeIfAbsent(List.of(read, List.copyOf(read.labels().keySet())),
                key -> read);
    }

    /**
     * A timeout longer than an interval means the next check is due while the last one still runs; with one
     * check in flight per target the real interval silently becomes the timeout. Reported once, against the
     * shortest interval it exceeds, where the user wrote the timeout or that interval in this block, so a
     * mistake in defaults is reported once rather than once per target.
     */
    private void checkTimeoutFits(ConfigBlock block, TargetSettings settings) {
        Duration timeout = settings.timeout();
        String shortestKey = null;
        Duration shortest = null;
        String[] keys = {"interval", "fast_interval", "down_interval"};
        // An unset fast or down interval is the interval: on a tie the interval, first, is the one named.
        Duration[] values = {settings.interval(), settings.fastInterval(), settings.downInterval()};
        for (int i = 0; i < keys.length; i++) {
            if (timeout.compareTo(values[i]) > 0
                    && (shortest == null || values[i].compareTo(shortest) < 0)) {
                shortest = values[i];
                shortestKey = keys[i];
            }
        }
        if (shortest == null) {
            return;
        }
        String key = shortestKey;
        Duration exceeded = shortest;
        Optional<Location> where = block.valueLocation("timeout");
        if (where.isEmpty()) {
            where = block.valueLocation(key);
        }
        where.ifPresent(w -> context.error(w, "timeout " + ConfigDuration.format(timeout) + " is longer than "
                + key + " " + ConfigDuration.format(exceeded) + ": the next check would be due before this one "
                + "times out; lower timeout or raise " + key));
    }

    private Optional<Double> jitter(ConfigBlock block) {
        return block.scalar("jitter").flatMap(v -> {
            try {
                return Optional.of(TargetSettings.parseJitter(v.text()));
            } catch (IllegalArgumentException e) {
                context.error(v.location(), e.getMessage());
                return Optional.empty();
            }
        });
    }

    private Map<String, String> labels(ConfigBlock block) {
        Map<String, String> labels = new LinkedHashMap<>();
        Optional<ConfigBlock> labelBlock = block.node("labels")
                .flatMap(node -> ConfigBlock.of(context, null, "labels", node, null));
        if (labelBlock.isEmpty()) {
            return labels;
        }
        ConfigBlock lb = labelBlock.get();
        for (String name : lb.keys()) {
            Optional<String> problem = LabelNames.problem(name);
            if (problem.isPresent()) {
                context.error(lb.keyLocation(name), problem.get());
                continue;
            }
            Node value = lb.node(name).orElseThrow();
            if (YamlPosition.isNull(value)) {
                context.error(lb.keyLocation(name), "label '" + name + "' has no value (write '' for an empty one)");
                continue;
            }
            ConfigBlock.scalarOf(context, "label '" + name + "'", value).ifPresent(v -> labels.put(name, v.text()));
        }
        return labels;
    }

    private static <E> Map<String, E> orderedMap(String k1, E v1, String k2, E v2, String k3, E v3) {
        Map<String, E> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        m.put(k3, v3);
        return java.util.Collections.unmodifiableMap(m);
    }
}
