package io.tcpshake.agent.config;

import io.tcpshake.core.EngineChoice;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The engine names users write, the same everywhere: {@code engine:} in targets.yaml, the agent option
 * {@code engine=}, {@code check --engine} and {@code serve --engine}.
 */
public final class EngineNames {
    /** Name -> engine, in documentation order. */
    public static final Map<String, EngineChoice> CHOICES = choices();

    private EngineNames() {
    }

    /** The engine named {@code name} (any case), or empty when there is none of that name. */
    public static Optional<EngineChoice> parse(String name) {
        return Optional.ofNullable(CHOICES.get(name.trim().toLowerCase(Locale.ROOT)));
    }

    /** The message for a name that is none of them: {@code unknown engine 'io': expected auto, ...}. */
    public static String unknown(String name) {
        return "unknown engine '" + name + "': expected " + expected();
    }

    /** The names for a message: {@code auto, epoll, nio or raw}. */
    static String expected() {
        String all = String.join(", ", CHOICES.keySet());
        int last = all.lastIndexOf(", ");
        return all.substring(0, last) + " or " + all.substring(last + 2);
    }

    /** The name users write for {@code engine}: {@code raw}. */
    public static String name(EngineChoice engine) {
        return engine.name().toLowerCase(Locale.ROOT);
    }

    private static Map<String, EngineChoice> choices() {
        Map<String, EngineChoice> m = new LinkedHashMap<>();
        for (EngineChoice engine : EngineChoice.values()) {
            m.put(name(engine), engine);
        }
        return Collections.unmodifiableMap(m);
    }
}
