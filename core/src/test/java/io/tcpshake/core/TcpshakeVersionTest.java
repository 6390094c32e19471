package io.tcpshake.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The build writes its version and the commit it was built from into version.properties. */
class TcpshakeVersionTest {
    @Test
    void versionIsTheProjectVersion() {
        assertTrue(TcpshakeVersion.version().matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), TcpshakeVersion.version());
    }

    @Test
    void commitIsTheCommitOfTheCheckoutOrUnknownOutsideOne() throws Exception {
        assertEquals(headCommit(), TcpshakeVersion.commit());
    }

    /** What git says HEAD is, as the build asks it; {@code unknown} without git or a checkout. */
    private static String headCommit() throws InterruptedException {
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "--short=12", "HEAD").start();
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return git.waitFor(30, TimeUnit.SECONDS) && git.exitValue() == 0 ? out : "unknown";
        } catch (IOException e) {
            return "unknown";
        }
    }
}
