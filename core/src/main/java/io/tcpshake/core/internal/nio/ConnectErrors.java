package io.tcpshake.core.internal.nio;

import io.tcpshake.core.Errno;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns the exceptions NIO throws for a failed connect into Linux errno values, so that a result reads the
 * same whichever engine made it. The JDK puts {@code strerror}'s text in the message ("Connection refused")
 * and picks the exception class from the errno; the text is matched first, the class is the fallback.
 */
final class ConnectErrors {
    /** strerror text to errno, longest texts first so that "Too many open files in system" wins over "Too many open files". */
    private static final Map<String, Integer> BY_TEXT = byText();

    private ConnectErrors() {
    }

    /** The errno {@code error} stands for, or 0 when it names none. */
    static int errnoOf(Throwable error) {
        String message = error.getMessage();
        if (message != null) {
            for (Map.Entry<String, Integer> entry : BY_TEXT.entrySet()) {
                if (message.contains(entry.getKey())) {
                    return entry.getValue();
                }
            }
        }
        if (error instanceof ConnectException) {
            return Errno.ECONNREFUSED;
        }
        if (error instanceof NoRouteToHostException) {
            return Errno.EHOSTUNREACH;
        }
        if (error instanceof PortUnreachableException) {
            return Errno.ECONNREFUSED;
        }
        if (error instanceof BindException) {
            return Errno.EADDRNOTAVAIL;
        }
        return 0;
    }

    /** How {@code error} reads in a result: its message, or its class name when it has none. */
    static String describe(Throwable error) {
        String message = error.getMessage();
        return message == null || message.isEmpty() ? error.getClass().getSimpleName() : message;
    }

    private static Map<String, Integer> byText() {
        Map<String, Integer> all = new LinkedHashMap<>();
        // Errno's table spans 1..115; the texts of numbers it does not know read "Unknown error N".
        for (int errno = 1; errno <= 133; errno++) {
            String text = Errno.describe(errno);
            if (!text.startsWith("Unknown error")) {
                all.put(text, errno);
            }
        }
        Map<String, Integer> longestFirst = new LinkedHashMap<>();
        all.entrySet().stream()
                .sorted((a, b) -> b.getKey().length() - a.getKey().length())
                .forEach(entry -> longestFirst.put(entry.getKey(), entry.getValue()));
        return longestFirst;
    }
}
