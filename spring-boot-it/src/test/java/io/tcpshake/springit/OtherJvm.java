package io.tcpshake.springit;

import java.util.concurrent.CountDownLatch;

/**
 * Another JVM in the application's environment (a sidecar, a script's {@code java}): prints that it runs and
 * waits to be killed, so that an agent started in it would have every chance to take the exporter port.
 */
public final class OtherJvm {
    static final String READY = "other: running";

    private OtherJvm() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.out.println(READY);
        new CountDownLatch(1).await();
    }
}
