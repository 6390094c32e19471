package io.tcpshake.agent.config;

import static io.tcpshake.agent.config.Yaml.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading targets.yaml from disk: missing, too large, not regular (a pipe, a device, a directory) and non-UTF-8
 * files, and paths relative to the file.
 */
class ConfigFileTest {
    @TempDir
    Path dir;

    @Test
    void missingFileNamesItsAbsolutePath() {
        Path file = dir.resolve("nope.yaml");

        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file, Map.of(), Map.of()));

        assertEquals(List.of(file + ": file not found: " + file.toAbsolutePath()), e.errors());
    }

    @Test
    void relativeMissingFileIsNamedAsGivenAndResolved() {
        Path file = Paths.get("no-such-dir", "targets.yaml");

        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file, Map.of(), Map.of()));

        assertEquals(List.of("no-such-dir/targets.yaml: file not found: " + file.toAbsolutePath()), e.errors());
    }

    @Test
    void directoryIsNotAFile() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(dir, Map.of(), Map.of()));

        assertEquals(List.of(dir + ": is a directory, not a file: " + dir), e.errors());
    }

    /** Opening a named pipe for reading would block until a writer came: it is refused before that. */
    @Test
    void namedPipeIsRefusedWithoutBeingOpened() throws Exception {
        Path pipe = NamedPipe.create(dir.resolve("targets.yaml"));

        ConfigException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(ConfigException.class, () -> ConfigLoader.load(pipe, Map.of(), Map.of())));

        assertEquals(List.of(pipe + ": is a named pipe (FIFO), not a regular file: " + pipe + ": tcpshake reads the"
                + " targets from a regular file only; write them to one and point the agent at it"), e.errors());
    }

    /** {@code /dev/zero} never ends: a link to it is refused by what it points to, and nothing is read. */
    @Test
    void linkToADeviceIsRefusedWithoutBeingRead() throws Exception {
        Path zero = Paths.get("/dev/zero");
        assumeTrue(Files.exists(zero), "no /dev/zero here");
        Path link = Files.createSymbolicLink(dir.resolve("targets.yaml"), zero);

        ConfigException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(ConfigException.class, () -> ConfigLoader.load(link, Map.of(), Map.of())));

        assertEquals(List.of(link + ": is a device, not a regular file: " + link + ": tcpshake reads the targets"
                + " from a regular file only; write them to one and point the agent at it"), e.errors());
    }

    @Test
    void linkToADirectoryIsNotAFile() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("targets.yaml"), Files.createDirectory(dir.resolve("d")));

        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(link, Map.of(), Map.of()));

        assertEquals(List.of(link + ": is a directory, not a file: " + link), e.errors());
    }

    @Test
    void fileOverTheLimitIsRefusedBeforeItIsRead() throws IOException {
        Path file = sparse(dir.resolve("targets.yaml"));

        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file, Map.of(), Map.of()));

        assertEquals(List.of(file + ": is larger than 2 MB (2097152 bytes), the most a targets file may hold: "
                + file + ": is it the right file?"), e.errors());
    }

    /** A file in /proc says it has 0 bytes and has more: read as a file that grew while it was read. */
    @Test
    void fileWithMoreThanItsSizeIsRefusedAsChanging() throws IOException {
        Path status = Paths.get("/proc/self/status");
        assumeTrue(Files.isRegularFile(status) && Files.size(status) == 0, "no /proc here");
        Path link = Files.createSymbolicLink(dir.resolve("targets.yaml"), status);

        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(link, Map.of(), Map.of()));

        assertEquals(List.of(link + ": changed while it was read (is it still being written?): " + link
                + ": it is read again when it changes next"), e.errors());
    }

    @Test
    void keystoreOverOneMegabyteIsRefusedBeforeItIsRead() throws IOException {
        Path keystore = sparse(dir.resolve("server.p12"));
        Path file = Files.writeString(dir.resolve("targets.yaml"),
                lines("exporter:", "  tls: {keystore: server.p12, password: changeit}", "targets: []"));

        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file, Map.of(), Map.of()));

        assertEquals(List.of(file + ":2:19: keystore " + keystore + " is larger than 1 MB; a keystore with a key and"
                + " its certificates takes a few kB: is it the right file?"), e.errors());
    }

    @Test
    void binaryFileIsReportedAtItsFirstBadByte() throws IOException {
        Path file = dir.resolve("targets.yaml");
        byte[] latin1 = "targets:\n  - {name: caf\u00e9, address: 127.0.0.1:1}\n".getBytes(StandardCharsets.ISO_8859_1);
        Files.write(file, latin1);

        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file, Map.of(), Map.of()));

        assertEquals(List.of(file + ":2:15: not UTF-8 text (a binary file, or another encoding): save it as UTF-8"),
                e.errors());
    }

    @Test
    void utf8WithByteOrderMarkAndNonAsciiLabelsIsRead() throws Exception {
        Path file = dir.resolve("targets.yaml");
        Files.write(file, ("\uFEFF" + lines("targets:", "  - {name: caf\u00e9, address: 127.0.0.1:1}"))
                .getBytes(StandardCharsets.UTF_8));

        AgentConfig config = ConfigLoader.load(file, Map.of(), Map.of());

        assertEquals("caf\u00e9", config.targets().get(0).name());
        assertEquals(file.toString(), config.source());
    }

    @Test
    void errorsInAFileNameTheFileAsGiven() throws IOException {
        Path file = dir.resolve("targets.yaml");
        Files.writeString(file, lines("targets:", "  - address: 127.0.0.1:1", "    timout: 1s"));

        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file, Map.of(), Map.of()));

        assertEquals(List.of(file + ":3:5: unknown key 'timout' (did you mean 'timeout'?)"), e.errors());
    }

    @Test
    void tlsKeystoreIsFoundRelativeToTheFileAndOpened() throws Exception {
        Path keystore = createKeystore(dir.resolve("certs"), "server.p12", "s3cret");
        Path file = dir.resolve("targets.yaml");
        Files.writeString(file, lines(
                "exporter:",
                "  tls: {keystore: certs/server.p12, password: \"${TLS_PASSWORD}\"}",
                "targets: []"));

        AgentConfig config = ConfigLoader.load(file, Map.of(), Map.of("TLS_PASSWORD", "s3cret"));

        TlsSettings tls = config.exporter().tls().orElseThrow();
        assertEquals(keystore.toAbsolutePath().normalize(), tls.keystore());
        assertEquals("PKCS12", tls.type());
        assertEquals("s3cret", tls.password());
        assertTrue(!tls.toString().contains("s3cret"), "the password is never shown");
    }

    @Test
    void wrongKeystorePasswordIsAConfigurationError() throws Exception {
        Path keystore = createKeystore(dir, "server.p12", "s3cret");
        Path file = dir.resolve("targets.yaml");
        Files.writeString(file, lines(
                "exporter:",
                "  tls:",
                "    keystore: server.p12",
                "    password: wrong",
                "targets: []"));

        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file, Map.of(), Map.of()));

        assertEquals(1, e.errors().size());
        String error = e.errors().get(0);
        assertTrue(error.startsWith(file + ":3:15: keystore " + keystore + " cannot be opened as PKCS12 with the "
                + "given password: "), error);
    }

    /** A real PKCS12 keystore with one EC key pair, made by the JDK's keytool. */
    private static Path createKeystore(Path dir, String name, String password) throws Exception {
        Files.createDirectories(dir);
        Path keystore = dir.resolve(name);
        String keytool = Paths.get(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "tcpshake", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", password, "-keypass", password)
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "keytool finished");
        assertEquals(0, p.exitValue(), output);
        return keystore;
    }

    /** A sparse file: 300 MB by its size, no disk used. */
    private static Path sparse(Path path) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
            file.setLength(300L * 1024 * 1024);
        }
        return path;
    }
}
