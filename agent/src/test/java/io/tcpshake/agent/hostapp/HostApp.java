package io.tcpshake.agent.hostapp;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;

/**
 * The application the agent tests run tcpshake inside: it uses its own (other) versions of JNA and
 * simpleclient, checks that none of tcpshake's classes leak onto its class path, then waits for {@code exit}
 * on stdin and exits with its own status, 42. Uses JNA and simpleclient only through reflection, so it runs
 * against whatever versions are on its class path (and javac cannot inline JNA's VERSION constant).
 *
 * <p>{@code threads N} on stdin prints its live threads on one line, {@code hostapp: threads N: name|daemon;...}
 * (for the tests of what the agent adds). {@code properties} prints, as
 * {@code hostapp: properties [name, ...]}, the system properties a native library or the agent could leave
 * behind (names starting with {@code jna}, {@code jnidispatch} or {@code tcpshake}). {@code started-by} prints
 * {@code hostapp: started-by X}, X being what {@code TcpshakeBootstrap.startedBy()} says.
 *
 * <p>{@code -Dhostapp.otel=true}: it also runs its own OpenTelemetry SDK (whatever version is on its class path)
 * as the global one ({@link HostAppOtel}); {@code otel} on stdin prints what that SDK holds again.
 *
 * <p>Properties: {@code -Dhostapp.jna=false} skips JNA (when the test makes JNA unloadable);
 * {@code -Dhostapp.maxSeconds=N} bounds its life (default 120): it then exits with 43.
 */
public final class HostApp {
    public static final int EXIT_STATUS = 42;
    public static final int WATCHDOG_STATUS = 43;

    private HostApp() {
    }

    public static void main(String[] args) throws Exception {
        startWatchdog(Long.getLong("hostapp.maxSeconds", 120));
        if (Boolean.parseBoolean(System.getProperty("hostapp.jna", "true"))) {
            useJna();
        }
        useSimpleclient();
        if (Boolean.getBoolean("hostapp.otel")) {
            HostAppOtel.start();
        }
        checkIsolation();
        System.out.println("hostapp: ready, pid " + ProcessHandle.current().pid());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            if (line.trim().equals("exit")) {
                break;
            }
            if (line.startsWith("threads ")) {
                printThreads(line.substring("threads ".length()).trim());
            }
            if (line.trim().equals("otel")) {
                HostAppOtel.report();
            }
            if (line.trim().equals("properties")) {
                printProperties();
            }
            if (line.trim().equals("started-by")) {
                printStartedBy();
            }
        }
        System.out.println("hostapp: exiting with " + EXIT_STATUS);
        System.exit(EXIT_STATUS);
    }

    /** What the bootstrap, the one tcpshake class it sees, tells the application (as tcpshake's starter asks). */
    private static void printStartedBy() throws ReflectiveOperationException {
        Class<?> bootstrap = Class.forName("io.tcpshake.bootstrap.TcpshakeBootstrap");
        System.out.println("hostapp: started-by " + bootstrap.getMethod("startedBy").invoke(null));
    }

    private static void printProperties() {
        java.util.List<String> names = new java.util.ArrayList<>();
        for (String name : new java.util.TreeSet<>(System.getProperties().stringPropertyNames())) {
            if (name.startsWith("jna") || name.startsWith("jnidispatch") || name.startsWith("tcpshake")) {
                names.add(name);
            }
        }
        System.out.println("hostapp: properties " + names);
    }

    private static void useJna() throws Exception {
        Class<?> nativeClass = Class.forName("com.sun.jna.Native");
        Field version = nativeClass.getField("VERSION");
        version.setAccessible(true);
        Class<?> libraryClass = Class.forName("com.sun.jna.NativeLibrary");
        Object libc = libraryClass.getMethod("getInstance", String.class).invoke(null, "c");
        Object getpid = libraryClass.getMethod("getFunction", String.class).invoke(libc, "getpid");
        int pid = (Integer) getpid.getClass().getMethod("invokeInt", Object[].class).invoke(getpid, (Object) new Object[0]);
        if (pid != ProcessHandle.current().pid()) {
            throw new IllegalStateException("JNA getpid() returned " + pid);
        }
        System.out.println("hostapp: jna " + version.get(null) + " from " + jarOf(nativeClass) + ", getpid() works");
    }

    private static void useSimpleclient() throws Exception {
        Class<?> counterClass = Class.forName("io.prometheus.client.Counter");
        Object builder = counterClass.getMethod("build").invoke(null);
        Class<?> builderClass = builder.getClass();
        builderClass.getMethod("name", String.class).invoke(builder, "hostapp_requests_total");
        builderClass.getMethod("help", String.class).invoke(builder, "Requests the host application served.");
        Object counter = builderClass.getMethod("register").invoke(builder);
        counterClass.getMethod("inc").invoke(counter);
        double value = (Double) counterClass.getMethod("get").invoke(counter);
        System.out.println("hostapp: simpleclient from " + jarOf(counterClass) + ", counter " + value);
    }

    private static void checkIsolation() {
        String[] hidden = {"io.tcpshake.agent.TcpshakeAgent", "io.tcpshake.core.Checker",
            "io.tcpshake.otlp.OtlpOutput", "org.snakeyaml.engine.v2.api.Load", "picocli.CommandLine",
            "com.google.gson.Gson", "at.favre.lib.crypto.bcrypt.BCrypt"};
        for (String name : hidden) {
            try {
                Class.forName(name);
                System.out.println("hostapp: LEAK: " + name + " is visible on the application class path");
                return;
            } catch (ClassNotFoundException expected) {
                // as it should be
            }
        }
        if (ClassLoader.getSystemResource("tcpshake-inf/io/tcpshake/core/Checker.class") != null
                || ClassLoader.getSystemResource("io/tcpshake/core/Checker.class") != null) {
            System.out.println("hostapp: LEAK: tcpshake's classes are visible as class resources");
            return;
        }
        System.out.println("hostapp: tcpshake classes are hidden");
    }

    private static void printThreads(String request) {
        StringBuilder line = new StringBuilder("hostapp: threads ").append(request).append(": ");
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.isAlive()) {
                line.append(thread.getName()).append('|').append(thread.isDaemon()).append(';');
            }
        }
        System.out.println(line);
    }

    static String jarOf(Class<?> type) {
        return type.getProtectionDomain().getCodeSource() == null ? ""
                : type.getProtectionDomain().getCodeSource().getLocation().getPath();
    }

    private static void startWatchdog(long maxSeconds) {
        java.util.Timer watchdog = new java.util.Timer("hostapp-watchdog", true);
        watchdog.schedule(new java.util.TimerTask() {
            @Override
            public void run() {
                System.out.println("hostapp: watchdog: still running after " + maxSeconds + " s");
                System.exit(WATCHDOG_STATUS);
            }
        }, maxSeconds * 1000);
    }
}
