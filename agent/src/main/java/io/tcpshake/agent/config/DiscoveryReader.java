package io.tcpshake.agent.config;

import io.tcpshake.agent.discovery.DiscoverySettings;
import io.tcpshake.agent.discovery.EndpointFilter;
import io.tcpshake.agent.discovery.EndpointRule;
import io.tcpshake.core.monitor.TargetSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads the {@code discovery:} block. Its presence turns discovery on ({@code discovery: {}} for every
 * default); {@code enabled: false} keeps the block and turns it off.
 */
final class DiscoveryReader {
    private static final int MAX_TARGETS_LIMIT = 10_000;

    private final ReadContext context;

    DiscoveryReader(ReadContext context) {
        this.context = context;
    }

    /** {@link DiscoverySettings#OFF} when the block is absent; its targets start from {@code defaults}. */
    DiscoverySettings read(Optional<ConfigBlock> discovery, TargetSettings defaults) {
        if (discovery.isEmpty()) {
            return DiscoverySettings.OFF;
        }
        ConfigBlock block = discovery.get();
        boolean enabled = block.bool("enabled").orElse(true);
        Duration interval = block.duration("interval", false).orElse(DiscoverySettings.DEFAULT_INTERVAL);
        int maxTargets = block.integer("max_targets", 0, MAX_TARGETS_LIMIT, "0.." + MAX_TARGETS_LIMIT)
                .orElse(DiscoverySettings.DEFAULT_MAX_TARGETS);
        Duration forgetAfter = block.duration("forget_after", false).orElse(DiscoverySettings.DEFAULT_FORGET_AFTER);
        EndpointFilter filter = new EndpointFilter(rules(block, "include"), rules(block, "exclude"));
        TargetSettings targets = block.block("defaults", BlockSchema.DEFAULTS)
                .map(settings -> new SettingsReader(context).read(settings, defaults))
                .orElse(defaults);
        return new DiscoverySettings(enabled, interval, filter, maxTargets, forgetAfter, targets);
    }

    private List<EndpointRule> rules(ConfigBlock block, String key) {
        List<EndpointRule> rules = new ArrayList<>();
        for (Node item : block.list(key).orElse(List.of())) {
            ConfigBlock.scalarOf(context, key, item).ifPresent(value -> {
                try {
                    rules.add(EndpointRule.parse(value.text()));
                } catch (IllegalArgumentException e) {
                    context.error(value.location(), "discovery." + key + ": " + e.getMessage());
                }
            });
        }
        return rules;
    }
}
