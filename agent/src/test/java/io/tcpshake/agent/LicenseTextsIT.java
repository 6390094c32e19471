package io.tcpshake.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every library bundled into tcpshake.jar carries its licence text inside the jar, under
 * {@code META-INF/licenses/<artifactId>/}. The libraries are the ones the build unpacked into the jar
 * ({@code target/tcpshake-unpacked/<artifactId>-jar}), so a library added to the agent is checked without a
 * change here.
 */
class LicenseTextsIT {
    /** What counts as a licence text: JNA's AL2.0 and LGPL2.1, LICENSE, LICENSE.txt, COPYING... */
    private static final Pattern LICENCE_FILE = Pattern.compile("(LICEN[CS]E|COPYING|AL2\\.0|LGPL[0-9.]*)([.-].*)?",
            Pattern.CASE_INSENSITIVE);
    /** Shorter than this is a pointer to a licence, not its text. */
    private static final int MIN_TEXT_LENGTH = 1000;

    @Test
    void everyBundledLibraryHasItsLicenceTextInTheJar() throws IOException {
        List<String> libraries = bundledLibraries();
        assertTrue(libraries.contains("jna") && libraries.contains("tcpshake-core"),
                "the bundled libraries are read from " + unpacked() + ": " + libraries);
        List<String> missing = new ArrayList<>();
        try (JarFile jar = new JarFile(ChildJvm.agentJar().toFile())) {
            for (String library : libraries) {
                if (!hasLicenceText(jar, library)) {
                    missing.add(library);
                }
            }
        }
        assertEquals(List.of(), missing, "bundled into " + ChildJvm.agentJar() + " without a licence text in"
                + " META-INF/licenses/<artifactId>/: add the text to agent/src/main/licenses/<artifactId>/, or, for"
                + " an Apache-2.0 library, its name to the Apache-2.0 list in agent/pom.xml");
    }

    @Test
    void everyLicenceDirectoryBelongsToABundledLibrary() throws IOException {
        List<String> libraries = bundledLibraries();
        try (JarFile jar = new JarFile(ChildJvm.agentJar().toFile())) {
            List<String> strays = Collections.list(jar.entries()).stream().map(JarEntry::getName)
                    .filter(n -> n.startsWith("META-INF/licenses/") && n.endsWith("/") && n.length() > 18)
                    .map(n -> n.substring(18, n.indexOf('/', 18))).distinct()
                    .filter(library -> !libraries.contains(library)).collect(Collectors.toList());
            assertEquals(List.of(), strays, "licence texts of libraries that are not in the jar: drop them from"
                    + " agent/pom.xml's Apache-2.0 list or agent/src/main/licenses/");
        }
    }

    @Test
    void theJarCarriesTcpshakesOwnLicenceAndNotice() throws IOException {
        try (JarFile jar = new JarFile(ChildJvm.agentJar().toFile())) {
            String licence = text(jar, "META-INF/LICENSE");
            assertTrue(licence.contains("Apache License") && licence.contains("Version 2.0, January 2004"), licence);
            assertTrue(text(jar, "META-INF/NOTICE").contains("tcpshake"));
        }
    }

    private static boolean hasLicenceText(JarFile jar, String library) throws IOException {
        String directory = "META-INF/licenses/" + library + "/";
        for (JarEntry entry : Collections.list(jar.entries())) {
            String name = entry.getName();
            if (name.startsWith(directory) && LICENCE_FILE.matcher(name.substring(directory.length())).matches()
                    && text(jar, name).length() >= MIN_TEXT_LENGTH) {
                return true;
            }
        }
        return false;
    }

    private static String text(JarFile jar, String name) throws IOException {
        JarEntry entry = jar.getJarEntry(name);
        assertFalse(entry == null, name + " is missing from " + ChildJvm.agentJar());
        return new String(jar.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
    }

    /** The artifactIds of the libraries the build unpacked into the jar (directories named artifactId-type). */
    private static List<String> bundledLibraries() throws IOException {
        try (Stream<Path> directories = Files.list(unpacked())) {
            return directories.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .map(name -> name.substring(0, name.lastIndexOf('-'))).sorted().collect(Collectors.toList());
        }
    }

    private static Path unpacked() {
        return Paths.get(System.getProperty("tcpshake.unpacked", "target/tcpshake-unpacked")).toAbsolutePath();
    }
}
