package io.tcpshake.agent.config;

import java.util.Map;

/**
 * Replaces {@code ${NAME}} and {@code ${NAME:-default}} in a value with environment variables, as shells and
 * Docker Compose do, because containers are configured that way. {@code $$} writes a literal {@code $}.
 */
final class EnvSubstitution {
    private EnvSubstitution() {
    }

    /**
     * {@code text} with every reference replaced from {@code environment}.
     *
     * @param maxLength the longest result allowed; the substitution stops as soon as it is passed
     * @throws IllegalArgumentException naming the variable that is unset without a default, the malformed
     *     reference, or the length passed
     */
    static String apply(String text, Map<String, String> environment, int maxLength) {
        if (text.indexOf('$') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '$') {
                out.append(c);
                i++;
            } else if (text.startsWith("$$", i)) {
                out.append('$');
                i += 2;
            } else if (text.startsWith("${", i)) {
                int close = text.indexOf('}', i + 2);
                if (close < 0) {
                    throw new IllegalArgumentException("'" + text.substring(i) + "' has no closing }: write ${NAME} "
                            + "or ${NAME:-default} (or $$ for a literal $)");
                }
                out.append(resolve(text.substring(i + 2, close), environment));
                i = close + 1;
                if (out.length() > maxLength) {
                    throw new IllegalArgumentException("environment variables make the value longer than "
                            + maxLength + " characters: substitute a shorter value");
                }
            } else {
                // A lone $ (a password hash, a price) is kept as it is.
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static String resolve(String reference, Map<String, String> environment) {
        int dash = reference.indexOf(":-");
        String name = dash < 0 ? reference : reference.substring(0, dash);
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("'${" + reference + "}' is not a variable reference: write ${NAME} "
                    + "or ${NAME:-default}, NAME made of letters, digits and _");
        }
        String value = environment.get(name);
        if (value != null && !value.isEmpty()) {
            return value;
        }
        if (dash >= 0) {
            return reference.substring(dash + 2);
        }
        if (value != null) {
            return value;
        }
        throw new IllegalArgumentException("environment variable " + name + " is not set: set it, or give a "
                + "default with ${" + name + ":-value}");
    }
}
