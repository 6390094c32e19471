package io.tcpshake.core.testing;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;

/**
 * What a child process prints (start it with {@code redirectErrorStream(true)} for stdout and stderr in one),
 * collected line by line on a daemon thread, for a test to wait on.
 */
public final class ProcessOutput {
    private final Process process;
    private final StringBuffer text = new StringBuffer();
    private final Thread reader;

    private ProcessOutput(Process process) {
        this.process = process;
        this.reader = new Thread(this::collect, "process-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts collecting {@code process}'s output. */
    public static ProcessOutput of(Process process) {
        return new ProcessOutput(process);
    }

    private void collect() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                text.append(line).append('\n');
            }
        } catch (IOException e) {
            text.append("[output reader: ").append(e).append("]\n");
        }
    }

    /** Everything printed so far. */
    public String text() {
        return text.toString();
    }

    /**
     * Waits until the output contains {@code expected} and returns it all; fails with the whole output when
     * it does not come within {@code timeout} or the process ends without printing it.
     */
    public String awaitText(String expected, Duration timeout) {
        try {
            await().atMost(timeout).pollInterval(Duration.ofMillis(50)).until(() -> contains(expected));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no '" + expected + "' within " + timeout + "; output:\n" + text(), e);
        }
        return text();
    }

    private boolean contains(String expected) throws InterruptedException {
        if (text.indexOf(expected) >= 0) {
            return true;
        }
        if (!process.isAlive()) {
            reader.join(5000);
            if (text.indexOf(expected) >= 0) {
                return true;
            }
            throw new AssertionError("the process exited with " + process.exitValue() + " without printing '"
                    + expected + "'; output:\n" + text());
        }
        return false;
    }

    /** Waits for the process to end by itself (and its output to be read); returns its exit status. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the process did not exit within " + timeout + "; output:\n" + text());
        }
        reader.join(5000);
        return process.exitValue();
    }
}
