package io.tcpshake.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The layout of tcpshake.jar that keeps its libraries out of the application's class loader. */
class TcpshakeJarIT {
    private static final String BOOTSTRAP = "io.tcpshake.bootstrap.TcpshakeBootstrap";

    @Test
    void manifestPointsEveryEntryAtTheBootstrap() throws Exception {
        try (JarFile jar = new JarFile(ChildJvm.agentJar().toFile())) {
            Attributes main = jar.getManifest().getMainAttributes();
            assertEquals(BOOTSTRAP, main.getValue("Premain-Class"));
            assertEquals(BOOTSTRAP, main.getValue("Agent-Class"));
            assertEquals(BOOTSTRAP, main.getValue("Main-Class"));
            assertNotNull(main.getValue("Implementation-Version"));
        }
    }

    @Test
    void onlyTheBootstrapPackageHasClassesWhereTheApplicationLoaderLooks() throws Exception {
        try (JarFile jar = new JarFile(ChildJvm.agentJar().toFile())) {
            List<String> names = Collections.list(jar.entries()).stream().map(JarEntry::getName)
                    .collect(Collectors.toList());
            List<String> visibleClasses = names.stream().filter(n -> n.endsWith(".class"))
                    .filter(n -> !n.startsWith("io/tcpshake/bootstrap/")).collect(Collectors.toList());
            assertEquals(List.of(), visibleClasses);
            List<String> elsewhere = names.stream().filter(n -> !n.startsWith("tcpshake-inf/"))
                    .filter(n -> !n.startsWith("META-INF/")).filter(n -> !n.startsWith("io/tcpshake/bootstrap/"))
                    .filter(n -> !n.equals("io/") && !n.equals("io/tcpshake/")).collect(Collectors.toList());
            assertEquals(List.of(), elsewhere, "entries outside tcpshake-inf/ that the application could load");
            for (String expected : List.of("tcpshake-inf/io/tcpshake/agent/TcpshakeAgent.classdata",
                    "tcpshake-inf/io/tcpshake/core/Checker.classdata", "tcpshake-inf/com/sun/jna/Native.classdata",
                    "tcpshake-inf/com/sun/jna/linux-x86-64/libjnidispatch.so",
                    "tcpshake-inf/io/prometheus/client/Collector.classdata",
                    "tcpshake-inf/org/snakeyaml/engine/v2/api/Load.classdata",
                    "tcpshake-inf/picocli/CommandLine.classdata", "tcpshake-inf/com/google/gson/Gson.classdata",
                    "tcpshake-inf/at/favre/lib/crypto/bcrypt/BCrypt.classdata",
                    "tcpshake-inf/io/tcpshake/otlp/OtlpOutput.classdata",
                    "tcpshake-inf/io/opentelemetry/exporter/internal/otlp/metrics/MetricsRequestMarshaler.classdata",
                    // OpenTelemetry's multi-release class for Java 9+, stored as the base class (see pom.xml)
                    "tcpshake-inf/io/opentelemetry/exporter/internal/marshal/VarHandleStringEncoder.classdata")) {
                assertTrue(names.contains(expected), expected + " is missing from " + ChildJvm.agentJar());
            }
        }
    }

    @Test
    void holdsNothingOfMicrometerOrSpring() throws Exception {
        // The micrometer and spring-boot modules are libraries an application adds itself, never the agent's.
        try (JarFile jar = new JarFile(ChildJvm.agentJar().toFile())) {
            List<String> foreign = Collections.list(jar.entries()).stream().map(JarEntry::getName)
                    .filter(n -> n.contains("io/micrometer/") || n.contains("org/springframework/")
                            || n.contains("io/tcpshake/micrometer/") || n.contains("io/tcpshake/spring/"))
                    .collect(Collectors.toList());
            assertEquals(List.of(), foreign);
        }
    }
}
