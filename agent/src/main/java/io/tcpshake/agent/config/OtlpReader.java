package io.tcpshake.agent.config;

import io.tcpshake.otlp.OtlpSettings;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads the {@code otlp:} block over the standard {@code OTEL_*} variables: a key the file sets wins, the
 * variables fill in what it leaves out. Only the block turns OTLP on: a host application that sets
 * {@code OTEL_EXPORTER_OTLP_ENDPOINT} for its own OpenTelemetry SDK does not make tcpshake push.
 */
final class OtlpReader {
    private final ReadContext context;

    OtlpReader(ReadContext context) {
        this.context = context;
    }

    /** The settings to push with, empty when there is no block, it says {@code enabled: false}, or it is wrong. */
    Optional<OtlpSettings> read(Optional<ConfigBlock> otlp) {
        if (otlp.isEmpty()) {
            return Optional.empty();
        }
        ConfigBlock block = otlp.get();
        boolean enabled = block.bool("enabled").orElse(true);
        OtlpSettings.Builder builder;
        try {
            builder = OtlpSettings.fromEnvironment(context.environment());
        } catch (IllegalArgumentException e) {
            context.error(block.location(), "otlp: the environment variable " + e.getMessage() + ": correct the "
                    + "variable, or unset it (the otlp block's own keys win over it)");
            builder = OtlpSettings.builder();
        }
        boolean valid = apply(block, "endpoint", builder::endpoint)
                & apply(block, "protocol", builder::protocol)
                & applyDuration(block, "interval", builder::interval)
                & applyDuration(block, "timeout", builder::timeout)
                & headers(block, builder);
        OtlpSettings settings = null;
        try {
            settings = builder.build();
        } catch (IllegalArgumentException e) {
            boolean fromFile = block.isSet("protocol");
            context.error(block.valueLocation("protocol").orElse(block.location()),
                    (fromFile ? "" : "otlp: the environment variable ") + e.getMessage());
        }
        return valid && enabled ? Optional.ofNullable(settings) : Optional.empty();
    }

    private boolean apply(ConfigBlock block, String key, Consumer<String> setter) {
        Optional<String> value = block.text(key);
        return value.isPresent() ? set(block, key, () -> setter.accept(value.get().trim())) : !block.isSet(key);
    }

    private boolean applyDuration(ConfigBlock block, String key, Consumer<Duration> setter) {
        Optional<Duration> value = block.duration(key, false);
        return value.isPresent() ? set(block, key, () -> setter.accept(value.get())) : !block.isSet(key);
    }

    private boolean set(ConfigBlock block, String key, Runnable setting) {
        try {
            setting.run();
            return true;
        } catch (IllegalArgumentException e) {
            context.error(block.valueLocation(key).orElse(block.location()), e.getMessage());
            return false;
        }
    }

    /** {@code headers:} is a mapping of header name to value; values take ${VAR} like any other. */
    private boolean headers(ConfigBlock block, OtlpSettings.Builder builder) {
        Optional<ConfigBlock> headers = block.node("headers")
                .flatMap(node -> ConfigBlock.of(context, null, "headers", node, null));
        if (headers.isEmpty()) {
            return !block.hasInFile("headers");
        }
        ConfigBlock hb = headers.get();
        boolean valid = true;
        boolean first = true;
        for (String name : hb.keys()) {
            Node value = hb.node(name).orElseThrow();
            Optional<String> text = ConfigBlock.scalarOf(context, "header '" + name + "'", value).map(ConfigValue::text);
            if (text.isEmpty()) {
                valid = false;
                continue;
            }
            try {
                if (first) {
                    // The file's headers replace the variable's as a whole, as the metrics-specific variable does.
                    builder.headers(java.util.Map.of());
                    first = false;
                }
                builder.header(name, text.get());
            } catch (IllegalArgumentException e) {
                context.error(hb.keyLocation(name), e.getMessage());
                valid = false;
            }
        }
        return valid;
    }
}
