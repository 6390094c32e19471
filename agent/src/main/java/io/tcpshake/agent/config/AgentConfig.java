package io.tcpshake.agent.config;

import io.tcpshake.agent.discovery.DiscoverySettings;
import io.tcpshake.core.EngineChoice;
import io.tcpshake.core.monitor.Target;
import io.tcpshake.core.monitor.TargetSettings;
import io.tcpshake.otlp.OtlpSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A valid targets.yaml with the agent options applied: the targets to monitor (with the defaults folded in)
 * and the settings of the outputs. Immutable; read with {@link ConfigLoader}. Two configurations are equal
 * when they would run the same way, which the agent's reload uses to skip no-op changes.
 */
public final class AgentConfig {
    /** How often the file is checked for changes unless {@code reload.interval} says otherwise. */
    public static final Duration DEFAULT_RELOAD_INTERVAL = Duration.ofSeconds(5);

    private final String source;
    private final TargetSettings defaults;
    private final List<Target> targets;
    private final ExporterSettings exporter;
    private final boolean jmxEnabled;
    private final boolean jfrEnabled;
    private final Duration reloadInterval;
    private final OtlpSettings otlp;
    private final DiscoverySettings discovery;
    private final EngineChoice engine;
    private Map<String, Boolean> histogramChoices = Map.of();

    AgentConfig(String source, TargetSettings defaults, List<Target> targets, ExporterSettings exporter,
            boolean jmxEnabled, boolean jfrEnabled, Duration reloadInterval, OtlpSettings otlp,
            DiscoverySettings discovery, EngineChoice engine) {
        this.source = Objects.requireNonNull(source, "source");
        this.defaults = Objects.requireNonNull(defaults, "defaults");
        this.targets = List.copyOf(targets);
        this.exporter = Objects.requireNonNull(exporter, "exporter");
        this.jmxEnabled = jmxEnabled;
        this.jfrEnabled = jfrEnabled;
        this.reloadInterval = Objects.requireNonNull(reloadInterval, "reloadInterval");
        this.otlp = otlp;
        this.discovery = Objects.requireNonNull(discovery, "discovery");
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    /** The file (or source name) this configuration was read from, as given. */
    public String source() {
        return source;
    }

    /** The {@code defaults:} block as read (already applied to {@link #targets}). */
    public TargetSettings defaults() {
        return defaults;
    }

    /** The targets in file order, names unique. */
    public List<Target> targets() {
        return targets;
    }

    public ExporterSettings exporter() {
        return exporter;
    }

    /**
     * Where to push OTLP metrics: present when the file has an {@code otlp:} block that is not
     * {@code enabled: false} (the {@code OTEL_*} variables alone never turn it on).
     */
    public Optional<OtlpSettings> otlp() {
        return Optional.ofNullable(otlp);
    }

    /** Whether the MXBeans are registered ({@code jmx.enabled}, default true). */
    public boolean jmxEnabled() {
        return jmxEnabled;
    }

    /** Whether JFR events are emitted ({@code jfr.enabled}, default true). */
    public boolean jfrEnabled() {
        return jfrEnabled;
    }

    /** This configuration, where the targets named in {@code choices} say whether they get a histogram. */
    AgentConfig withHistogramChoices(Map<String, Boolean> choices) {
        AgentConfig copy = new AgentConfig(source, defaults, targets, exporter, jmxEnabled, jfrEnabled, reloadInterval,
                otlp, discovery, engine);
        copy.histogramChoices = Map.copyOf(choices);
        return copy;
    }

    /** Whether target {@code name} gets a latency histogram: its own {@code histogram:}, else the exporter's. */
    public boolean histogramFor(String name) {
        return histogramChoices.getOrDefault(name, exporter.histograms());
    }

    /** How often the file is polled for changes; zero means never (reload through the MBean still works). */
    public Duration reloadInterval() {
        return reloadInterval;
    }

    /** The {@code discovery:} block; {@link DiscoverySettings#OFF} without one. */
    public DiscoverySettings discovery() {
        return discovery;
    }

    /**
     * The checking engine asked for ({@code engine:}, default {@code auto}): a start-time setting, read when the
     * agent first starts monitoring; a later change takes effect at the next start.
     */
    public EngineChoice engine() {
        return engine;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof AgentConfig)) {
            return false;
        }
        AgentConfig c = (AgentConfig) o;
        return jmxEnabled == c.jmxEnabled && jfrEnabled == c.jfrEnabled && source.equals(c.source)
                && defaults.equals(c.defaults) && targets.equals(c.targets) && exporter.equals(c.exporter)
                && reloadInterval.equals(c.reloadInterval) && Objects.equals(otlp, c.otlp)
                && discovery.equals(c.discovery) && engine == c.engine
                && histogramChoices.equals(c.histogramChoices);
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, defaults, targets, exporter, jmxEnabled, jfrEnabled, reloadInterval, otlp,
                discovery, engine);
    }

    @Override
    public String toString() {
        return source + ": " + targets.size() + (targets.size() == 1 ? " target" : " targets") + ", " + exporter
                + ", " + (otlp == null ? "otlp off" : otlp) + ", jmx " + (jmxEnabled ? "on" : "off") + ", jfr "
                + (jfrEnabled ? "on" : "off") + ", reload "
                + (reloadInterval.isZero() ? "off" : "every " + ConfigDuration.format(reloadInterval)) + ", " + discovery
                + ", engine " + EngineNames.name(engine);
    }
}
