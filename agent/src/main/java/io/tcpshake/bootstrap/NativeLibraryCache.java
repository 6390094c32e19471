package io.tcpshake.bootstrap;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.zip.CRC32;

/**
 * A copy of JNA's native library ({@code libjnidispatch.so}) from {@code tcpshake.jar} in the user's cache
 * directory, which {@link TcpshakeBootstrap.IsolatedLoader} hands JNA as a {@code file:} URL. JNA then loads it
 * in place; given a {@code jar:} URL, it would copy the library into a new temporary file at every start and
 * delete it after loading, which cost a one-check run of the command line about 18 ms of its CPU (a new
 * temporary file's name starts the JDK's {@code SecureRandom}).
 *
 * <p>The copy lives in {@code $XDG_CACHE_HOME/tcpshake/jna/CRC-SIZE/} (else {@code ~/.cache/...}), where JNA
 * itself extracts ({@code .../JNA/temp}), so it loads where JNA's own copy would. It is used only if it is a
 * regular file and its directory a directory, both of this process's user and not writable by others, and its
 * size and CRC-32 are those of the jar's entry; else it is written again. Anything that fails (no home, a
 * read-only disk, {@code jna.tmpdir} or {@code jna.nounpack} set) returns null, and JNA extracts the library as it always did.
 */
final class NativeLibraryCache {
    /** Where the copies go; null: nowhere, JNA extracts. */
    private final Path root;

    NativeLibraryCache(Path root) {
        this.root = root;
    }

    /** The cache of this process's user; one that keeps nothing where there is none (not Linux, no home). */
    static NativeLibraryCache ofUser() {
        return new NativeLibraryCache(userRoot());
    }

    private static Path userRoot() {
        // A jna.tmpdir given says where JNA's native code may go, jna.nounpack that it may go nowhere: JNA
        // then does as told, as it did.
        if (!"Linux".equals(System.getProperty("os.name")) || System.getProperty("jna.tmpdir") != null
                || Boolean.getBoolean("jna.nounpack")) {
            return null;
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        String home = System.getProperty("user.home");
        Path base;
        if (xdg != null && !xdg.trim().isEmpty()) {
            base = Paths.get(xdg.trim());
        } else if (home != null && !home.isEmpty() && !"?".equals(home)) {
            base = Paths.get(home, ".cache");
        } else {
            return null;
        }
        return base.resolve("tcpshake").resolve("jna");
    }

    /** Whether {@code entryName} (a path inside the jar) is one of JNA's native libraries. */
    static boolean isJnaLibrary(String entryName) {
        return entryName.startsWith(TcpshakeBootstrap.ISOLATED_PREFIX + "com/sun/jna/") && entryName.endsWith(".so");
    }

    /** The cached copy of {@code entry}, written first where it is missing or differs; null if there is none. */
    Path fileOf(JarFile jar, JarEntry entry) {
        long crc = entry.getCrc();
        long size = entry.getSize();
        if (root == null || crc < 0 || size < 0) {
            return null;
        }
        String name = entry.getName().substring(entry.getName().lastIndexOf('/') + 1);
        Path directory = root.resolve(Long.toHexString(crc) + "-" + size);
        Path file = directory.resolve(name);
        try {
            if (isIntact(file, crc, size)) {
                return file;
            }
            Files.createDirectories(directory,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path part = Files.createTempFile(directory, name, ".part");
            try {
                // Into the temporary file as created, readable and writable by its owner alone.
                try (InputStream in = jar.getInputStream(entry); OutputStream out = Files.newOutputStream(part)) {
                    in.transferTo(out);
                }
                // Renamed whole, so that another process starting now finds the old state or the new file.
                Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(part);
            }
            return isIntact(file, crc, size) ? file : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static boolean isIntact(Path file, long crc, long size) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) != size
                || !isOwnAndPrivate(file) || !isOwnAndPrivate(file.getParent())) {
            return false;
        }
        CRC32 content = new CRC32();
        // FileInputStream rather than Files.readAllBytes: its classes are loaded already, the channel's are not.
        try (InputStream in = new FileInputStream(file.toFile())) {
            content.update(in.readAllBytes());
        }
        return content.getValue() == crc;
    }

    // /proc/self belongs to the process's user: a file of another user could hold other code.
    private static boolean isOwnAndPrivate(Path path) throws IOException {
        Object owner = Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        Object self = Files.getAttribute(Paths.get("/proc/self"), "unix:uid");
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
        return owner.equals(self) && !permissions.contains(PosixFilePermission.GROUP_WRITE)
                && !permissions.contains(PosixFilePermission.OTHERS_WRITE);
    }
}
