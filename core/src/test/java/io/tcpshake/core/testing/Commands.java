package io.tcpshake.core.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Commands a test runs to their end: whether a tool works here, and a child JVM's whole output. */
public final class Commands {
    private Commands() {
    }

    /** Whether {@code command} runs here and exits 0 within 10 s: a tool installed and allowed. */
    public static boolean succeed(String... command) throws InterruptedException {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Runs {@code command} (a child JVM) to its end and returns what it printed, stdout and stderr, trimmed;
     * fails unless it ends within 60 s with exit status 0.
     */
    public static String output(String... command) throws IOException, InterruptedException {
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!child.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("child JVM did not finish");
        }
        if (child.exitValue() != 0) {
            throw new AssertionError("exit status " + child.exitValue() + ", expected 0; output:\n" + output);
        }
        return output;
    }
}
