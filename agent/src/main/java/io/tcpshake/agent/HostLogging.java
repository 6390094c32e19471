package io.tcpshake.agent;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Whether the application may route java.util.logging or {@code System.Logger} into a logging framework it
 * configures later, which drops what arrives before (Spring Boot with Logback or Log4j 2), and so how long the
 * agent holds its messages back. Found by looking, never by loading or initializing an application class.
 */
final class HostLogging {
    /** Long enough for a Spring Boot application on a busy machine to have configured its logging. */
    static final Duration DEFAULT_HOLD = Duration.ofSeconds(10);

    /** On the application's class path, each means java.util.logging or System.Logger may be taken over. */
    private static final String[] ROUTING_RESOURCES = {
        "org/slf4j/bridge/SLF4JBridgeHandler.class", // jul-to-slf4j (Spring Boot's default)
        "org/apache/logging/log4j/jul/LogManager.class", // log4j-jul
        "META-INF/services/java.lang.System$LoggerFinder", // slf4j-jdk-platform-logging, log4j-jpl
    };

    private HostLogging() {
    }

    /**
     * How much longer the agent holds its messages: what is left of the hold (measured from the JVM's start,
     * so nothing for an agent attached late). {@code asked}, the {@code log_hold} option, applies whatever
     * the application looks like; without it, {@link #DEFAULT_HOLD} where the application may route logging.
     */
    static Duration remainingHold(Optional<Duration> asked) {
        Duration hold = asked.orElse(DEFAULT_HOLD);
        if (hold.isZero() || asked.isEmpty() && !mayRouteLogging(ClassLoader.getSystemClassLoader(),
                System.getProperty("java.util.logging.manager"), System.getProperty("sun.java.command"))) {
            return Duration.ZERO;
        }
        Duration left = hold.minusMillis(ManagementFactory.getRuntimeMXBean().getUptime());
        return left.isNegative() ? Duration.ZERO : left;
    }

    /**
     * Whether a bridge or a {@code System.LoggerFinder} is on the application's class path, a LogManager of
     * its own is set ({@code java.util.logging.manager}), or the application is an executable Spring Boot jar
     * (whose libraries the class path does not show).
     */
    static boolean mayRouteLogging(ClassLoader application, String logManager, String javaCommand) {
        if (logManager != null && !logManager.isEmpty()) {
            return true;
        }
        for (String resource : ROUTING_RESOURCES) {
            if (application.getResource(resource) != null) {
                return true;
            }
        }
        return springBootJar(javaCommand);
    }

    private static boolean springBootJar(String javaCommand) {
        if (javaCommand == null) {
            return false;
        }
        String main = javaCommand.trim().split(" ", 2)[0];
        if (!main.endsWith(".jar") || !new File(main).isFile()) {
            return false;
        }
        try (JarFile jar = new JarFile(main, false)) {
            Manifest manifest = jar.getManifest();
            return manifest != null && manifest.getMainAttributes().getValue("Spring-Boot-Version") != null;
        } catch (IOException | SecurityException e) {
            return false;
        }
    }
}
