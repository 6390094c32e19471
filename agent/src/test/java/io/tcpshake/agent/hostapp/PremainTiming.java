package io.tcpshake.agent.hostapp;

import io.tcpshake.bootstrap.TcpshakeBootstrap;

/**
 * Calls {@code premain} as the JVM does for {@code -javaagent} (the bootstrap class loaded by the application
 * class loader from tcpshake.jar) and prints how long it took, then lives until the agent has had time to
 * print its status: the test reads the order of the two lines.
 */
public final class PremainTiming {
    private PremainTiming() {
    }

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        TcpshakeBootstrap.premain(args[0], null);
        long micros = (System.nanoTime() - start) / 1000;
        System.out.println("premain returned in " + micros + " us");
        System.out.flush();
        HostApp.main(new String[0]);
    }
}
