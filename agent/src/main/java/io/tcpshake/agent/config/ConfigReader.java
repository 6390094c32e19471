package io.tcpshake.agent.config;

import io.tcpshake.agent.discovery.DiscoverySettings;
import io.tcpshake.core.EngineChoice;
import io.tcpshake.core.monitor.Target;
import io.tcpshake.core.monitor.TargetSettings;
import io.tcpshake.otlp.OtlpSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;

/** Turns a composed targets.yaml document into an {@link AgentConfig}, reporting every error to the context. */
final class ConfigReader {
    private final ReadContext context;
    private final Path baseDir;

    ConfigReader(ReadContext context, Path baseDir) {
        this.context = context;
        this.baseDir = baseDir;
    }

    /** The configuration, or empty when an error was reported (possibly among others). */
    Optional<AgentConfig> read(Optional<Node> document) {
        Location start = Location.inFile(context.source(), 1, 1);
        if (document.isEmpty() || YamlPosition.isNull(document.get())) {
            context.error(start, "the file is empty: expected a 'targets:' list, e.g. targets: [\"127.0.0.1:5432\"]");
            return Optional.empty();
        }
        Node root = document.get();
        if (!(root instanceof MappingNode)) {
            context.error(context.locate(root), "expected a mapping with a 'targets:' list (and optionally defaults, "
                    + "exporter, otlp, jmx, jfr, reload, discovery, engine), found " + shorten(YamlPosition.describe(root)));
            return Optional.empty();
        }
        Optional<ConfigBlock> parsed = ConfigBlock.of(context, "", "the file", root, BlockSchema.ROOT);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        ConfigBlock top = parsed.get();
        TargetSettings defaults = top.block("defaults", BlockSchema.DEFAULTS)
                .map(block -> new SettingsReader(context).read(block, TargetSettings.DEFAULTS))
                .orElse(TargetSettings.DEFAULTS);
        ExporterSettings exporter = new ExporterReader(context, baseDir).read(top.block("exporter", BlockSchema.EXPORTER));
        Optional<OtlpSettings> otlp = new OtlpReader(context).read(top.block("otlp", BlockSchema.OTLP));
        boolean jmx = top.block("jmx", BlockSchema.JMX).flatMap(b -> b.bool("enabled")).orElse(true);
        boolean jfr = top.block("jfr", BlockSchema.JFR).flatMap(b -> b.bool("enabled")).orElse(true);
        Duration reload = top.block("reload", BlockSchema.RELOAD).flatMap(b -> b.duration("interval", true))
                .orElse(AgentConfig.DEFAULT_RELOAD_INTERVAL);
        EngineChoice engine = top.choice("engine", EngineNames.CHOICES).orElse(EngineChoice.AUTO);
        DiscoverySettings discovery = new DiscoveryReader(context).read(top.block("discovery", BlockSchema.DISCOVERY),
                defaults);
        if (!top.hasInFile("targets")) {
            context.error(context.locate(root), "no 'targets:' list: add one with an address per endpoint, e.g. "
                    + "targets: [\"127.0.0.1:5432\"] (or targets: [] for none)");
            return Optional.empty();
        }
        Optional<List<Node>> items = top.list("targets");
        if (items.isEmpty()) {
            return Optional.empty();
        }
        TargetsReader reader = new TargetsReader(context);
        List<Target> targets = reader.read(items.get(), defaults);
        return Optional.of(new AgentConfig(context.source(), defaults, targets, exporter, jmx, jfr, reload,
                otlp.orElse(null), discovery, engine).withHistogramChoices(reader.histogramChoices()));
    }

    private static String shorten(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...'";
    }
}
