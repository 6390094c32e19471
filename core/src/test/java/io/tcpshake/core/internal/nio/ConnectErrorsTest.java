package io.tcpshake.core.internal.nio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tcpshake.core.Errno;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The JDK's connect exceptions, as their messages read on Linux, become the errno epoll would report. */
class ConnectErrorsTest {

    static Stream<Arguments> exceptions() {
        return Stream.of(
                Arguments.of(new ConnectException("Connection refused"), Errno.ECONNREFUSED),
                Arguments.of(new ConnectException("Connection refused (Connection refused)"), Errno.ECONNREFUSED),
                Arguments.of(new ConnectException("Connection timed out"), Errno.ETIMEDOUT),
                Arguments.of(new NoRouteToHostException("No route to host"), Errno.EHOSTUNREACH),
                Arguments.of(new SocketException("Network is unreachable"), Errno.ENETUNREACH),
                Arguments.of(new SocketException("Connection reset by peer"), Errno.ECONNRESET),
                Arguments.of(new IOException("Too many open files"), Errno.EMFILE),
                Arguments.of(new IOException("Too many open files in system"), Errno.ENFILE),
                Arguments.of(new SocketException("Invalid argument"), Errno.EINVAL),
                Arguments.of(new BindException("Cannot assign requested address"), Errno.EADDRNOTAVAIL),
                Arguments.of(new ConnectException("refused, in other words"), Errno.ECONNREFUSED),
                Arguments.of(new NoRouteToHostException(), Errno.EHOSTUNREACH),
                Arguments.of(new IOException("something else"), 0),
                Arguments.of(new java.nio.channels.UnresolvedAddressException(), 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exceptions")
    void connectExceptionsMapToLinuxErrno(Throwable error, int errno) {
        assertEquals(errno, ConnectErrors.errnoOf(error), Errno.name(errno));
    }
}
