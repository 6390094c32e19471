package io.tcpshake.agent.config;

import io.tcpshake.core.Endpoint;
import io.tcpshake.core.InputText;
import io.tcpshake.core.monitor.Target;
import io.tcpshake.core.monitor.TargetSettings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads the {@code targets:} list into core {@link Target}s, each with the defaults folded in. A target is a
 * mapping with at least {@code address}, or just its address as a string ({@code - "127.0.0.1:5432"}).
 */
final class TargetsReader {
    private final ReadContext context;
    private final SettingsReader settingsReader;
    /** Target name -> where it was first used, to report duplicates. */
    private final Map<String, Location> names = new HashMap<>();
    /** Each host read so far, as the one String its targets share. */
    private final Map<String, String> hosts = new HashMap<>();
    /** Target name -> its own {@code histogram:} choice, for the targets that make one. */
    private final Map<String, Boolean> histograms = new HashMap<>();

    TargetsReader(ReadContext context) {
        this.context = context;
        this.settingsReader = new SettingsReader(context);
    }

    List<Target> read(List<Node> items, TargetSettings defaults) {
        List<Target> targets = new ArrayList<>();
        for (Node item : items) {
            target(item, defaults).ifPresent(targets::add);
        }
        return targets;
    }

    private Optional<Target> target(Node item, TargetSettings defaults) {
        Location where = context.locate(item);
        if (YamlPosition.isNull(item)) {
            context.error(where, "empty target: write - address: host:port");
            return Optional.empty();
        }
        if (!(item instanceof MappingNode)) {
            // The short form: the item is the address.
            return ConfigBlock.scalarOf(context, "target", item)
                    .flatMap(address -> build(address, Optional.empty(), defaults, false));
        }
        Optional<ConfigBlock> parsed = ConfigBlock.of(context, null, "a target", item, BlockSchema.TARGET);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        ConfigBlock block = parsed.get();
        TargetSettings settings = settingsReader.read(block, defaults);
        Optional<ConfigValue> name = block.scalar("name");
        Optional<ConfigValue> address = block.scalar("address");
        if (!block.isSet("address")) {
            context.error(where, "target has no address: add address: host:port (e.g. address: \"db:5432\")");
        }
        if (address.isEmpty()) {
            return Optional.empty();
        }
        Optional<Boolean> histogram = block.bool("histogram");
        Optional<Target> target = build(address.get(), name, settings, block.bool("critical").orElse(false));
        target.ifPresent(t -> histogram.ifPresent(on -> histograms.put(t.name(), on)));
        return target;
    }

    /**
     * {@code endpoint}, or an equal one whose host is the same String as that of an earlier target of the file
     * with that host (many targets are ports of a few hosts: one host String for each, not one per target).
     */
    private Endpoint sharingHost(Endpoint endpoint) {
        String host = hosts.putIfAbsent(endpoint.host(), endpoint.host());
        return host == null ? endpoint : Endpoint.of(host, endpoint.port());
    }

    /** The targets read so far that say {@code histogram: true} or {@code false}, by name. */
    Map<String, Boolean> histogramChoices() {
        return histograms;
    }

    private Optional<Target> build(ConfigValue address, Optional<ConfigValue> name, TargetSettings settings,
            boolean critical) {
        Target.Builder builder;
        try {
            // Not trimmed: a space in an address comes from a quote or a substituted variable, and is refused.
            builder = Target.builder(sharingHost(Endpoint.parse(address.text()))).settings(settings)
                    .critical(critical);
        } catch (IllegalArgumentException e) {
            context.error(address.location(), e.getMessage());
            return Optional.empty();
        }
        String targetName = name.map(ConfigValue::text).orElse(null);
        Location nameWhere = name.map(ConfigValue::location).orElse(address.location());
        if (targetName != null && (targetName.trim().isEmpty() || targetName.chars().anyMatch(Character::isISOControl))) {
            context.error(nameWhere, "target name " + InputText.quote(targetName) + " is empty or has control "
                    + "characters");
            return Optional.empty();
        }
        if (targetName != null) {
            builder.name(targetName);
        }
        Target target = builder.build();
        Location first = names.putIfAbsent(target.name(), nameWhere);
        if (first != null) {
            context.error(nameWhere, "duplicate target name " + InputText.quote(target.name()) + " (first at " + first.lineColumn()
                    + ")" + (targetName == null ? ": a target without a name is named after its address; give "
                    + "one of them a name" : ""));
            return Optional.empty();
        }
        return Optional.of(target);
    }
}
