package io.tcpshake.agent.cli;

import io.tcpshake.core.InputText;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a number option ({@code -n}, {@code -c}, a pid, a port) in ASCII digits. picocli's own conversion
 * goes through {@code Integer.valueOf}, which reads {@code ٥٤} and {@code +54} as 54: a value the user
 * did not type as a plain number is refused instead, naming it.
 */
final class WholeNumber {
    private WholeNumber() {
    }

    /** An {@code int} option. */
    static final class ToInt implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return (int) parse(value, Integer.MAX_VALUE);
        }
    }

    /** A {@code long} option. */
    static final class ToLong implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return parse(value, Long.MAX_VALUE);
        }
    }

    /** {@code -12} or {@code 12}: the range checks after it say what is allowed, in the option's terms. */
    static long parse(String value, long max) {
        boolean negative = value.startsWith("-");
        String digits = negative ? value.substring(1) : value;
        if (!InputText.isAsciiDigits(digits)) {
            throw new TypeConversionException(InputText.quote(value) + " is not a whole number: write ASCII "
                    + "digits 0-9 without sign or spaces, e.g. 100");
        }
        String significant = digits.replaceFirst("^0+(?=.)", "");
        if (significant.length() > 18 || Long.parseLong(significant) > max) {
            throw new TypeConversionException(InputText.quote(value) + " is too large: at most " + max);
        }
        long n = Long.parseLong(significant);
        return negative ? -n : n;
    }
}
