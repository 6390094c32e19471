package io.tcpshake.agent.config;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;

/** A named pipe (FIFO) made with {@code mkfifo}; the test is skipped where there is none. */
public final class NamedPipe {
    private NamedPipe() {
    }

    public static Path create(Path path) throws IOException, InterruptedException {
        Process mkfifo = new ProcessBuilder("mkfifo", path.toString()).redirectErrorStream(true).start();
        assumeTrue(mkfifo.waitFor() == 0, "mkfifo is not available here");
        return path;
    }
}
