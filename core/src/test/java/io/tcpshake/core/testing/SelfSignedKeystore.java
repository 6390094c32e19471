package io.tcpshake.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A PKCS12 keystore with a self-signed EC key for 127.0.0.1 (alias {@code tcpshake}), for TLS tests. */
public final class SelfSignedKeystore {
    private SelfSignedKeystore() {
    }

    /**
     * Writes the keystore to {@code file} with the running JDK's keytool, store and key password
     * {@code password}.
     *
     * @throws IOException with keytool's output when it fails
     */
    public static Path create(Path file, String password) throws IOException, InterruptedException {
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "tcpshake", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", file.toString(),
                "-storepass", password, "-keypass", password)
                .redirectErrorStream(true).start();
        String output;
        try (InputStream out = keytool.getInputStream()) {
            output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0 || Files.size(file) == 0) {
            keytool.destroyForcibly();
            throw new IOException("keytool could not make " + file + ": " + output);
        }
        return file;
    }
}
