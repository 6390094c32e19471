package io.tcpshake.core.monitor;

import io.tcpshake.core.InputText;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Which family of a name's addresses to prefer. */
public enum IpPreference {
    /** The resolver's order. */
    SYSTEM,
    /** IPv4 addresses first (only IPv4 when the name has some). */
    IPV4,
    /** IPv6 addresses first (only IPv6 when the name has some). */
    IPV6;

    /** The names users write ({@code ip:} in targets.yaml and application.yaml), in documentation order. */
    public static final Map<String, IpPreference> NAMES = names();

    /** Spellings people reach for first ({@code ipv4}, {@code 6}, ...): accepted, while messages show {@link #NAMES}. */
    public static final Map<String, IpPreference> ALIASES = Map.of(
            "ipv4", IPV4, "ipv6", IPV6, "4", IPV4, "6", IPV6);

    /**
     * The preference {@code text} names (any case, a name or an alias).
     *
     * @throws IllegalArgumentException {@code ip 'v5' is not one of system, v4, v6}
     */
    public static IpPreference parse(String text) {
        String typed = text.trim().toLowerCase(Locale.ROOT);
        IpPreference named = NAMES.containsKey(typed) ? NAMES.get(typed) : ALIASES.get(typed);
        if (named == null) {
            throw new IllegalArgumentException("ip " + InputText.quote(text) + " is not one of "
                    + String.join(", ", NAMES.keySet()));
        }
        return named;
    }

    private static Map<String, IpPreference> names() {
        Map<String, IpPreference> m = new LinkedHashMap<>();
        m.put("system", SYSTEM);
        m.put("v4", IPV4);
        m.put("v6", IPV6);
        return Collections.unmodifiableMap(m);
    }
}
