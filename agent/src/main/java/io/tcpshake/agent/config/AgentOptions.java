package io.tcpshake.agent.config;

import io.tcpshake.core.InputText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code key=value} agent options that override targets.yaml ({@code -javaagent:tcpshake.jar=targets.yaml,
 * port=9465}): short forms for the common ones and dotted paths for every other scalar setting outside the
 * target list.
 */
public final class AgentOptions {
    /** Short option -> the setting it overrides. */
    public static final Map<String, String> SHORT_FORMS = shortForms();

    /** Every setting an agent option can override, as a dotted path. */
    public static final Set<String> PATHS = paths();

    private AgentOptions() {
    }

    /**
     * The options as values keyed by setting path; unknown options are reported to {@code problems} with a
     * suggestion.
     */
    static Map<String, ConfigValue> resolve(Map<String, String> options, Problems problems) {
        Map<String, ConfigValue> byPath = new LinkedHashMap<>();
        for (Map.Entry<String, String> option : options.entrySet()) {
            String key = option.getKey().trim();
            String value = option.getValue() == null ? "" : option.getValue().trim();
            Location where = Location.agentOption(option.getKey(), value);
            String path = SHORT_FORMS.getOrDefault(key, key);
            if (!PATHS.contains(path)) {
                problems.add(where, unknown(key));
                continue;
            }
            // Messages name the option as the user typed it: "port 'abc' is not a whole number".
            byPath.put(path, new ConfigValue(key, value, where, false));
        }
        return byPath;
    }

    private static String unknown(String key) {
        Set<String> all = new LinkedHashSet<>(SHORT_FORMS.keySet());
        all.addAll(PATHS);
        return KeySuggestion.closest(key, all)
                .map(s -> "unknown option " + InputText.quote(key) + " (did you mean '" + s + "'?)")
                .orElse("unknown option " + InputText.quote(key) + ": expected one of "
                        + String.join(", ", SHORT_FORMS.keySet())
                        + ", or a dotted setting such as exporter.port or defaults.interval");
    }

    private static Map<String, String> shortForms() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("port", "exporter.port");
        m.put("host", "exporter.host");
        m.put("exporter", "exporter.enabled");
        m.put("jmx", "jmx.enabled");
        m.put("jfr", "jfr.enabled");
        m.put("reload", "reload.interval");
        m.put("discovery", "discovery.enabled");
        m.put("engine", "engine");
        return java.util.Collections.unmodifiableMap(m);
    }

    private static Set<String> paths() {
        List<String> p = new ArrayList<>();
        for (String key : BlockSchema.TIMING_KEYS) {
            if (!key.equals("labels")) {
                p.add("defaults." + key);
            }
        }
        for (String key : List.of("enabled", "host", "port")) {
            p.add("exporter." + key);
        }
        for (String key : BlockSchema.BASIC_AUTH.keys()) {
            p.add("exporter.basic_auth." + key);
        }
        for (String key : BlockSchema.TLS.keys()) {
            p.add("exporter.tls." + key);
        }
        for (String key : BlockSchema.OTLP.keys()) {
            if (!key.equals("headers")) {
                p.add("otlp." + key);
            }
        }
        p.add("jmx.enabled");
        p.add("jfr.enabled");
        p.add("reload.interval");
        p.add("engine");
        for (String key : List.of("enabled", "interval", "max_targets", "forget_after")) {
            p.add("discovery." + key);
        }
        for (String key : BlockSchema.TIMING_KEYS) {
            if (!key.equals("labels")) {
                p.add("discovery.defaults." + key);
            }
        }
        return java.util.Collections.unmodifiableSet(new LinkedHashSet<>(p));
    }
}
