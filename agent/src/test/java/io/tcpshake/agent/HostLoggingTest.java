package io.tcpshake.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the agent holds its messages: only where the application may route logging into a framework. */
class HostLoggingTest {
    @TempDir
    Path dir;

    @Test
    void aPlainApplicationLogsThroughJavaUtilLoggingAtOnce() throws IOException {
        try (URLClassLoader application = classPath()) {
            assertEquals(false, HostLogging.mayRouteLogging(application, null, "com.example.App"));
        }
    }

    @Test
    void aJulBridgeOrALoggerFinderOnTheClassPathMayRouteIt() throws IOException {
        for (String resource : new String[] {"org/slf4j/bridge/SLF4JBridgeHandler.class",
                "META-INF/services/java.lang.System$LoggerFinder"}) {
            try (URLClassLoader application = classPath(resource)) {
                assertEquals(true, HostLogging.mayRouteLogging(application, null, "com.example.App"), resource);
            }
        }
    }

    @Test
    void aLogManagerOfItsOwnMayRouteIt() throws IOException {
        try (URLClassLoader application = classPath()) {
            assertEquals(true, HostLogging.mayRouteLogging(application, "org.jboss.logmanager.LogManager", "x.App"));
        }
    }

    @Test
    void anExecutableSpringBootJarMayRouteIt() throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Spring-Boot-Version", "3.5.7");
        Path jar = dir.resolve("app.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream unused = new JarOutputStream(out, manifest)) {
            // a manifest is all it needs
        }
        try (URLClassLoader application = classPath()) {
            assertEquals(true, HostLogging.mayRouteLogging(application, null, jar + " --server.port=8080"));
            assertEquals(false, HostLogging.mayRouteLogging(application, null, dir.resolve("gone.jar").toString()));
        }
    }

    @Test
    void anExplicitLogHoldHoldsInAnyApplicationAndZeroNever() {
        // This JVM's class path has no bridge: the default does not hold, an explicit hold does.
        assertEquals(Duration.ZERO, HostLogging.remainingHold(Optional.empty()));
        assertEquals(Duration.ZERO, HostLogging.remainingHold(Optional.of(Duration.ZERO)));
        Duration left = HostLogging.remainingHold(Optional.of(Duration.ofHours(1)));
        assertTrue(left.compareTo(Duration.ofHours(1)) < 0 && left.compareTo(Duration.ofMinutes(50)) > 0,
                "an hour from the JVM's start: " + left);
    }

    /** A class path of one directory holding {@code resources}, with no parent that could hold them. */
    private URLClassLoader classPath(String... resources) throws IOException {
        Path root = Files.createTempDirectory(dir, "cp");
        for (String resource : resources) {
            Path file = root.resolve(resource);
            Files.createDirectories(file.getParent());
            Files.write(file, new byte[] {0});
        }
        return new URLClassLoader(new URL[] {root.toUri().toURL()}, null);
    }
}
