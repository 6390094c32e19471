package io.tcpshake.core;

/**
 * Shows text a user gave back to them in an error message: quoted, on one line, and short. A value can be a
 * megabyte long or carry a line break (from a substituted variable, a JMX client, a shell quote), and an
 * error that repeats it whole floods the log or splits into lines that read as other messages.
 */
public final class InputText {
    /** Characters of the value an error shows; the rest is replaced by its length. */
    public static final int SHOWN = 64;

    private InputText() {
    }

    /**
     * Whether {@code text} is one or more of the digits 0-9. {@code Character.isDigit} and the JDK's number
     * parsers ({@code Integer.parseInt}, {@code BigDecimal}) also take Arabic-Indic, fullwidth and other
     * digits: {@code Integer.parseInt("٥٤")} is 54. A number typed by a user is checked with this first.
     */
    public static boolean isAsciiDigits(CharSequence text) {
        return text.length() > 0 && text.chars().allMatch(InputText::isAsciiDigit);
    }

    /** Whether {@code c} is one of 0-9; see {@link #isAsciiDigits}. */
    public static boolean isAsciiDigit(int c) {
        return c >= '0' && c <= '9';
    }

    /**
     * {@code 'value'}, with a tab, line break or other character outside printable ASCII written as
     * {@code \t}, {@code \n}, {@code \r} or {@code \u0665}, and cut after {@link #SHOWN} characters
     * ({@code 'aaaa...' (1048576 characters)}); {@code null} for null.
     */
    public static String quote(String value) {
        if (value == null) {
            return "null";
        }
        int shown = Math.min(value.length(), SHOWN);
        StringBuilder out = new StringBuilder(shown + 24).append('\'');
        for (int i = 0; i < shown; i++) {
            char c = value.charAt(i);
            if (c >= ' ' && c < 0x7f) {
                out.append(c);
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        out.append(shown < value.length() ? "...' (" + value.length() + " characters)" : "'");
        return out.toString();
    }
}
