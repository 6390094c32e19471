package io.tcpshake.bootstrap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JNA's native library kept in the user's cache, as the isolated loader hands it to JNA. */
class NativeLibraryCacheTest {
    private static final String ENTRY = "tcpshake-inf/com/sun/jna/linux-x86-64/libjnidispatch.so";
    private static final byte[] LIBRARY = "not really ELF, but bytes to keep".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    @Test
    void theFirstUseWritesTheLibraryAndLaterUsesFindItUnchanged() throws IOException {
        NativeLibraryCache cache = new NativeLibraryCache(dir.resolve("cache"));
        try (JarFile jar = jarWithLibrary()) {
            Path first = cache.fileOf(jar, jar.getJarEntry(ENTRY));
            assertNotNull(first);
            assertArrayEquals(LIBRARY, Files.readAllBytes(first));
            assertEquals("libjnidispatch.so", first.getFileName().toString());
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(first.getParent())));
            long written = Files.getLastModifiedTime(first).toMillis();
            Files.setLastModifiedTime(first, FileTime.fromMillis(written - 60_000));

            assertEquals(first, cache.fileOf(jar, jar.getJarEntry(ENTRY)));
            assertEquals(written - 60_000, Files.getLastModifiedTime(first).toMillis(), "written again");
        }
    }

    @Test
    void aCopyThatDiffersFromTheJarIsWrittenAgain() throws IOException {
        NativeLibraryCache cache = new NativeLibraryCache(dir.resolve("cache"));
        try (JarFile jar = jarWithLibrary()) {
            Path file = cache.fileOf(jar, jar.getJarEntry(ENTRY));
            byte[] damaged = LIBRARY.clone();
            damaged[0] ^= 1;
            Files.write(file, damaged);

            assertEquals(file, cache.fileOf(jar, jar.getJarEntry(ENTRY)));
            assertArrayEquals(LIBRARY, Files.readAllBytes(file));
        }
    }

    @Test
    void aCopyOthersCanWriteIsNotUsedAsItIs() throws IOException {
        NativeLibraryCache cache = new NativeLibraryCache(dir.resolve("cache"));
        try (JarFile jar = jarWithLibrary()) {
            Path file = cache.fileOf(jar, jar.getJarEntry(ENTRY));
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));

            Path again = cache.fileOf(jar, jar.getJarEntry(ENTRY));
            assertEquals(file, again);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(again)));
        }
    }

    @Test
    void whereNothingCanBeWrittenJnaExtractsAsBefore() throws IOException {
        Path notADirectory = Files.write(dir.resolve("cache"), new byte[0]);
        try (JarFile jar = jarWithLibrary()) {
            assertNull(new NativeLibraryCache(notADirectory).fileOf(jar, jar.getJarEntry(ENTRY)));
            assertNull(new NativeLibraryCache(null).fileOf(jar, jar.getJarEntry(ENTRY)));
        }
    }

    @Test
    void jnaToldWhereOrNotToUnpackIsLeftToDoSo() throws IOException {
        for (String property : new String[] {"jna.tmpdir", "jna.nounpack"}) {
            System.setProperty(property, property.equals("jna.tmpdir") ? dir.toString() : "true");
            try (JarFile jar = jarWithLibrary()) {
                assertNull(NativeLibraryCache.ofUser().fileOf(jar, jar.getJarEntry(ENTRY)), property);
            } finally {
                System.clearProperty(property);
            }
        }
    }

    @Test
    void onlyJnasNativeLibrariesAreKept() {
        assertTrue(NativeLibraryCache.isJnaLibrary(ENTRY));
        assertTrue(NativeLibraryCache.isJnaLibrary("tcpshake-inf/com/sun/jna/linux-aarch64/libjnidispatch.so"));
        assertFalse(NativeLibraryCache.isJnaLibrary("tcpshake-inf/com/sun/jna/Native.classdata"));
        assertFalse(NativeLibraryCache.isJnaLibrary("tcpshake-inf/org/other/libother.so"));
    }

    private JarFile jarWithLibrary() throws IOException {
        Path jar = dir.resolve("tcpshake.jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            out.putNextEntry(new JarEntry(ENTRY));
            out.write(LIBRARY);
            out.closeEntry();
        }
        return new JarFile(jar.toFile());
    }
}
