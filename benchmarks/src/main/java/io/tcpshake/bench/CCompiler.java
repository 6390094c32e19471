package io.tcpshake.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Builds a C reference loop with {@code gcc -O2}, as every C scenario is built. */
final class CCompiler {
    private CCompiler() {
    }

    /**
     * Compiles {@code source} into {@code binary}.
     *
     * @throws IOException naming gcc's complaint, or saying gcc is not there
     */
    static void compile(Path source, Path binary) throws IOException, InterruptedException {
        Process gcc;
        try {
            gcc = new ProcessBuilder("gcc", "-O2", "-o", binary.toString(), source.toString())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("gcc not available: " + e.getMessage(), e);
        }
        String text = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!gcc.waitFor(60, TimeUnit.SECONDS) || gcc.exitValue() != 0) {
            throw new IOException("gcc -O2 " + source + " failed: " + text.trim());
        }
    }
}
