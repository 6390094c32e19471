package io.tcpshake.examples.demo;

import java.io.IOException;
import java.net.BindException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for an application with dependencies, to run with the agent
 * ({@code examples/demo/run.sh}). It opens, on loopback only, the endpoints that
 * {@code examples/targets.yaml} checks: two that are up (IPv4 and IPv6), one refused, one that times out
 * (a listener whose accept queue is full) and one that flaps on a timer. Its "services" accept and count
 * every connection, so the demo shows that half-open checks never reach them.
 *
 * <p>Ports come from the same environment variables the targets file reads, with the same defaults.
 */
public final class DemoApp {
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final AtomicLong accepted = new AtomicLong();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "demo-timer");
        thread.setDaemon(true);
        return thread;
    });

    public static void main(String[] args) throws Exception {
        Duration runFor = args.length > 0 ? Duration.parse("PT" + args[0].toUpperCase()) : null;
        DemoApp demo = new DemoApp();
        try {
            demo.start(System.getenv());
        } catch (BindException | IllegalArgumentException e) {
            System.err.println(e.getMessage());
            demo.close();
            System.exit(1);
        }
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "demo-shutdown"));
        if (runFor != null) {
            stop.await(runFor.toMillis(), TimeUnit.MILLISECONDS);
        } else {
            stop.await();
        }
        demo.close();
        System.out.println("demo: stopped; its services accepted " + demo.accepted.get()
                + " connections (half-open checks make none)");
    }

    void start(Map<String, String> env) throws IOException {
        InetAddress v4 = InetAddress.getByName("127.0.0.1");
        InetAddress v6 = InetAddress.getByName("::1");
        int upPort = port(env, "DEMO_UP_PORT", 15432);
        int upV6Port = port(env, "DEMO_UP_V6_PORT", 16379);
        int refusedPort = port(env, "DEMO_REFUSED_PORT", 15433);
        int timeoutPort = port(env, "DEMO_TIMEOUT_PORT", 15434);
        int flappingPort = port(env, "DEMO_FLAPPING_PORT", 15435);
        long flapSeconds = port(env, "DEMO_FLAP_SECONDS", 30);

        service("postgres (up)", new InetSocketAddress(v4, upPort), "DEMO_UP_PORT");
        String noIpv6 = ipv6Unavailable(v6);
        if (noIpv6 == null) {
            service("redis on IPv6 (up)", new InetSocketAddress(v6, upV6Port), "DEMO_UP_V6_PORT");
        } else {
            // A container or host with IPv6 turned off has no ::1: the demo runs on, and the
            // redis-v6 target shows DOWN with the reason, which is itself worth seeing.
            System.out.println("demo: no IPv6 service on [::1]:" + upV6Port + " (" + noIpv6
                    + "): IPv6 looks disabled here, so the redis-v6 target will be DOWN");
        }
        fullBacklogListener(new InetSocketAddress(v4, timeoutPort), "DEMO_TIMEOUT_PORT");
        Flapper flapper = new Flapper(new InetSocketAddress(v4, flappingPort));
        timer.scheduleAtFixedRate(flapper::toggle, 0, flapSeconds, TimeUnit.SECONDS);
        resources.add(flapper);

        String pid = ManagementFactory.getRuntimeMXBean().getName().split("@")[0];
        System.out.println("demo: up on 127.0.0.1:" + upPort + " and [::1]:" + upV6Port
                + ", refused on 127.0.0.1:" + refusedPort + ", timing out on 127.0.0.1:" + timeoutPort
                + ", flapping every " + flapSeconds + " s on 127.0.0.1:" + flappingPort);
        System.out.println("demo: where to look:");
        String web = "http://127.0.0.1:" + env.getOrDefault("DEMO_METRICS_PORT", "9464");
        System.out.println("  status    " + web + "/");
        System.out.println("  metrics   " + web + "/metrics");
        System.out.println("  JMX       jconsole " + pid + "   (MBeans tab, io.tcpshake)");
        System.out.println("  JFR       jcmd " + pid + " JFR.start name=tcpshake");
        System.out.println("            then, after the flapping target has changed state (every " + flapSeconds + " s):");
        System.out.println("            jcmd " + pid + " JFR.dump name=tcpshake filename=demo.jfr"
                + " && jfr print --events io.tcpshake.StateChange demo.jfr");
        System.out.println("  CLI       java -jar agent/target/tcpshake.jar check -a 127.0.0.1:" + refusedPort + " -v");
        System.out.println("demo: pid " + pid + "; Ctrl-C to stop");
        System.out.flush();
    }

    void close() throws Exception {
        timer.shutdownNow();
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    /** A "service" that accepts and counts connections: a half-open check must never show up here. */
    private void service(String name, InetSocketAddress address, String portVariable) throws IOException {
        ServerSocket server = listen(address, 128, portVariable);
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket connection = server.accept()) {
                    long count = accepted.incrementAndGet();
                    System.out.println("demo: " + name + " accepted a connection from "
                            + connection.getRemoteSocketAddress() + " (" + count + " so far)");
                } catch (IOException e) {
                    return;
                }
            }
        }, "demo-" + address.getPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Backlog 1, filled with two connections that are never accepted: new SYNs are dropped (TIMEOUT). */
    private void fullBacklogListener(InetSocketAddress address, String portVariable) throws IOException {
        ServerSocket server = listen(address, 1, portVariable);
        for (int i = 0; i < 2; i++) {
            Socket filler = new Socket();
            filler.connect(address, 1000);
            resources.add(filler);
        }
    }

    /** Null when a socket can listen on ::1, else why not. */
    private static String ipv6Unavailable(InetAddress v6) {
        try (ServerSocket probe = new ServerSocket(0, 1, v6)) {
            return null;
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    /** A bound listener, or an error that says which variable moves the port when it is taken. */
    private ServerSocket listen(InetSocketAddress address, int backlog, String portVariable) throws IOException {
        ServerSocket server = new ServerSocket();
        try {
            server.bind(address, backlog);
        } catch (BindException e) {
            server.close();
            BindException taken = new BindException("demo: cannot listen on " + hostPort(address) + " (" + e.getMessage()
                    + "): is another demo still running? Stop it, or set " + portVariable
                    + " (and the same variable for the agent, which reads it in examples/targets.yaml) to a free port");
            taken.initCause(e);
            throw taken;
        } catch (IOException e) {
            server.close();
            throw e;
        }
        resources.add(server);
        return server;
    }

    private static String hostPort(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        // The JDK only: the demo runs beside the agent, which keeps tcpshake's classes from the application.
        if (value.length() > 5 || !value.chars().allMatch(c -> c >= '0' && c <= '9')
                || Integer.parseInt(value) > 65535) {
            throw new IllegalArgumentException(name + "=" + quoted(value) + " is not a port: expected "
                    + "ASCII digits 0..65535");
        }
        return Integer.parseInt(value);
    }

    /** The value in quotes, each character outside printable ASCII escaped as in Java source. */
    private static String quoted(String value) {
        StringBuilder out = new StringBuilder("'");
        value.chars().forEach(c -> out.append(c >= ' ' && c < 0x7f ? String.valueOf((char) c)
                : String.format("\\u%04x", c)));
        return out.append('\'').toString();
    }

    /** A listener that is open for one period and closed for the next. */
    private static final class Flapper implements AutoCloseable {
        private final InetSocketAddress address;
        private ServerSocket server;

        Flapper(InetSocketAddress address) {
            this.address = address;
        }

        synchronized void toggle() {
            try {
                if (server == null) {
                    server = new ServerSocket();
                    server.setReuseAddress(true);
                    server.bind(address, 128);
                    System.out.println("demo: flapping target 127.0.0.1:" + address.getPort() + " is now listening");
                } else {
                    server.close();
                    server = null;
                    System.out.println("demo: flapping target 127.0.0.1:" + address.getPort() + " is now closed");
                }
            } catch (IOException e) {
                System.out.println("demo: flapping target could not toggle: " + e.getMessage());
            }
        }

        @Override
        public synchronized void close() throws IOException {
            if (server != null) {
                server.close();
            }
        }
    }
}
