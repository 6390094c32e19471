package io.tcpshake.core;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Turns a host name into addresses. The default asks the JDK ({@link InetAddress#getAllByName}); tests
 * and callers with their own discovery inject another one.
 */
@FunctionalInterface
public interface HostResolver {
    /**
     * All addresses of {@code host}, in the resolver's order of preference. May block: the checker calls
     * it off the checking loop, under the check's timeout.
     *
     * @throws UnknownHostException when the name does not resolve
     */
    InetAddress[] resolve(String host) throws UnknownHostException;

    /** The JDK's resolver. */
    static HostResolver system() {
        return InetAddress::getAllByName;
    }
}
