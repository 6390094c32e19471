package io.tcpshake.agent.config;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The keys one mapping of targets.yaml allows, and hints for keys people write there by mistake (a plain
 * {@code password}, a target's {@code host} and {@code port}) that deserve more than "unknown key".
 */
final class BlockSchema {
    static final List<String> TIMING_KEYS = List.of("interval", "timeout", "rise", "fall", "jitter",
            "fast_interval", "down_interval", "initial_delay", "addresses", "ip", "labels");

    static final BlockSchema ROOT = new BlockSchema("at the top level",
            List.of("defaults", "exporter", "otlp", "jmx", "jfr", "reload", "discovery", "engine", "targets"),
            Map.of());
    static final BlockSchema DEFAULTS = new BlockSchema("in defaults", TIMING_KEYS, Map.of(
            "name", "a name belongs to one target, not to the defaults",
            "address", "an address belongs to one target, not to the defaults"));
    static final BlockSchema TARGET = new BlockSchema("in a target",
            concat(List.of("name", "address", "critical"), concat(TIMING_KEYS, List.of("histogram"))),
            Map.of("host", "a target's endpoint is one key: address: host:port (e.g. address: \"db:5432\")",
                    "port", "a target's endpoint is one key: address: host:port (e.g. address: \"db:5432\")"));
    static final BlockSchema EXPORTER = new BlockSchema("in exporter",
            List.of("enabled", "host", "port", "basic_auth", "tls", "probe", "histogram"), Map.of());
    static final BlockSchema HISTOGRAM = new BlockSchema("in exporter.histogram", List.of("enabled", "buckets"),
            Map.of());
    static final BlockSchema PROBE = new BlockSchema("in exporter.probe", List.of("allow", "rate", "timeout"),
            Map.of());
    static final BlockSchema BASIC_AUTH = new BlockSchema("in exporter.basic_auth",
            List.of("username", "password_sha256", "password_bcrypt"), Map.of(
                    "password", "a plain password is not accepted (it would sit in the file and in memory): give "
                            + "password_sha256 (printf %s 'secret' | sha256sum) or password_bcrypt "
                            + "(htpasswd -nbBC 10 '' 'secret' | cut -d: -f2)"));
    static final BlockSchema TLS = new BlockSchema("in exporter.tls", List.of("keystore", "password", "type"), Map.of());
    static final BlockSchema OTLP = new BlockSchema("in otlp",
            List.of("enabled", "endpoint", "protocol", "interval", "timeout", "headers"), Map.of(
                    "url", "the collector's address is endpoint: http://collector:4318",
                    "compression", "tcpshake sends the protobuf body uncompressed (one small request per interval)"));
    static final BlockSchema JMX = new BlockSchema("in jmx", List.of("enabled"), Map.of());
    static final BlockSchema JFR = new BlockSchema("in jfr", List.of("enabled"), Map.of());
    static final BlockSchema DISCOVERY = new BlockSchema("in discovery", List.of("enabled", "interval", "include",
            "exclude", "max_targets", "forget_after", "defaults"), Map.of(
                    "targets", "discovered targets take their settings from discovery.defaults (interval, timeout, "
                            + "rise, fall, labels, ...)"));
    static final BlockSchema RELOAD = new BlockSchema("in reload", List.of("interval"), Map.of());

    private final String what;
    private final Set<String> keys;
    private final Map<String, String> hints;

    private BlockSchema(String what, List<String> keys, Map<String, String> hints) {
        this.what = what;
        this.keys = Collections.unmodifiableSet(new LinkedHashSet<>(keys));
        this.hints = hints;
    }

    /** The allowed keys in documentation order. */
    Set<String> keys() {
        return keys;
    }

    /**
     * Whether {@code key} is a top-level {@code x-} key, ignored as in Docker Compose: the place for anchors
     * ({@code x-db: &db {interval: 2s}}) that targets merge with {@code <<: *db}.
     */
    boolean isExtension(String key) {
        return this == ROOT && key.startsWith("x-");
    }

    /** The message for a key that is not allowed here. */
    String unknownKey(String key) {
        String hint = hints.get(key);
        if (hint != null) {
            return "unknown key '" + key + "': " + hint;
        }
        return KeySuggestion.closest(key, keys)
                .map(s -> "unknown key '" + key + "' (did you mean '" + s + "'?)")
                .orElseGet(() -> "unknown key '" + key + "' " + what + ": expected one of "
                        + String.join(", ", keys));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
