package io.tcpshake.examples.library;

import io.tcpshake.core.CheckFailedException;
import io.tcpshake.core.CheckResult;
import io.tcpshake.core.Checker;
import io.tcpshake.core.ConnectFailedException;
import io.tcpshake.core.HostPort;
import io.tcpshake.core.monitor.Monitor;
import io.tcpshake.core.monitor.MonitorListener;
import io.tcpshake.core.monitor.StateChange;
import io.tcpshake.core.monitor.Target;
import io.tcpshake.core.monitor.TargetSnapshot;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * tcpshake as a library, from plain Java: one-off checks with a {@link Checker}, then scheduled checks
 * with a {@link Monitor}. It opens its own loopback listener to have something to check.
 *
 * <pre>java -cp examples/target/tcpshake-examples.jar:core/target/tcpshake-core-0.1.0-SNAPSHOT.jar:\
 *     $HOME/.m2/repository/net/java/dev/jna/jna/5.19.1/jna-5.19.1.jar io.tcpshake.examples.library.LibraryExample</pre>
 *
 * <p>Without JNA on the class path the checker runs on the JDK-only NIO engine and says why.
 */
public final class LibraryExample {
    private LibraryExample() {
    }

    public static void main(String[] args) throws Exception {
        try (ServerSocket service = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String up = "127.0.0.1:" + service.getLocalPort();
            String refused = refusedAddress();

            oneOffChecks(up, refused);
            monitor(up, refused);
        }
    }

    /** The Go library's API in Java form: a checking loop, a sync check that throws, an async one. */
    static void oneOffChecks(String up, String refused) throws Exception {
        try (Checker checker = Checker.builder().build()) {
            checker.start();
            System.out.println("engine: " + checker.engineInfo());

            CheckResult result = checker.checkAddr(up, Duration.ofSeconds(1));
            System.out.println("sync:  " + result);

            try {
                checker.checkAddr(refused, Duration.ofSeconds(1));
            } catch (ConnectFailedException e) {
                System.out.println("sync:  " + refused + " failed with errno " + e.errno() + ": " + e.result().message());
            } catch (CheckFailedException e) {
                System.out.println("sync:  " + refused + " failed: " + e.getMessage());
            }

            CompletableFuture<CheckResult> async = checker.checkAsync(HostPort.parse(up), Duration.ofSeconds(1));
            System.out.println("async: " + async.get(2, TimeUnit.SECONDS));
        }
    }

    /** Targets on a schedule with rise/fall, and a listener for state changes. */
    static void monitor(String up, String refused) throws Exception {
        CountDownLatch bothDecided = new CountDownLatch(2);
        try (Monitor monitor = Monitor.builder().build()) {
            monitor.addListener(new MonitorListener() {
                @Override
                public void onStateChange(StateChange change) {
                    System.out.println("state: " + change);
                    bothDecided.countDown();
                }
            });
            monitor.put(Target.builder(up).name("service").interval(Duration.ofMillis(200)).build());
            monitor.put(Target.builder(refused).name("gone").interval(Duration.ofMillis(200)).build());
            monitor.start();
            if (!bothDecided.await(5, TimeUnit.SECONDS)) {
                System.out.println("no state change within 5 s");
            }
            for (TargetSnapshot target : monitor.snapshot().targets()) {
                System.out.println("snapshot: " + target.name() + " " + target.state() + ", " + target.checks()
                        + " checks, last " + target.lastResult());
            }
        }
    }

    private static String refusedAddress() throws Exception {
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "127.0.0.1:" + closed.getLocalPort();
        }
    }
}
