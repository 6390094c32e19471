package io.tcpshake.agent.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.tcpshake.core.HostPort;
import io.tcpshake.core.testing.LoopbackTargets;
import io.tcpshake.core.testing.LoopbackTargets.UpListener;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI as a user runs it: its own JVM, its exit code, its stdout and stderr. */
class CliChildProcessTest {
    @AutoClose
    private final LoopbackTargets targets = new LoopbackTargets();

    @TempDir
    Path tmp;

    @Test
    void childJvmExitsZeroForUpAndPrintsJson() throws Exception {
        UpListener listener = targets.upListener(LoopbackTargets.V4);
        String up = HostPort.format(listener.address());

        Child child = run("check", "-a", up, "-n", "50", "-c", "5", "--json");

        assertEquals(0, child.exitCode, child::toString);
        JsonObject json = JsonParser.parseString(child.out).getAsJsonObject();
        assertEquals(50, json.get("up").getAsInt(), child::toString);
        assertTrue(json.get("checks_per_second").getAsDouble() > 0, child::toString);
        assertTrue(listener.acceptedNothing());
    }

    @Test
    void childJvmExitsOneForRefusedAndTwoForAUsageError() throws Exception {
        String refused = HostPort.format(targets.refusedAddress(LoopbackTargets.V4));

        Child down = run("check", "-a", refused, "-v");
        Child usage = run("check", "-a", "127.0.0.1");

        assertEquals(1, down.exitCode, down::toString);
        assertTrue(down.out.contains(refused + " refused "), down::toString);
        assertEquals("", down.err, "the library's engine log line stays out of the CLI's stderr");
        assertEquals(2, usage.exitCode, usage::toString);
        assertEquals("tcpshake check: -a: invalid address '127.0.0.1': no port: expected host:port, "
                + "e.g. 127.0.0.1:5432 (see tcpshake check --help)\n", usage.err, usage::toString);
        assertEquals("", usage.out);
    }

    @Test
    void stoppedRunStillPrintsWhatItDid() throws Exception {
        String silent = HostPort.format(targets.timeoutAddress(LoopbackTargets.V4));
        File out = tmp.resolve("stopped-out").toFile();
        Process process = start(out, tmp.resolve("stopped-err").toFile(),
                "check", "-a", silent, "-n", "1000", "-t", "200ms", "-v");
        try {
            // Two results printed: the run is under way, with ~200 s to go.
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.readAllLines(out.toPath()).stream()
                    .filter(line -> line.startsWith(silent + " timeout ")).count() >= 2);
            process.destroy();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the CLI did not stop on SIGTERM");
        } finally {
            process.destroyForcibly();
        }

        String text = Files.readString(out.toPath());
        assertEquals(143, process.exitValue(), text);
        assertTrue(text.matches("(?s).*interrupted after \\d+ of 1000 checks\n"
                + Pattern.quote(silent) + ": \\d+ checks?, 0 up, \\d+ down\n  timeout \\d+: ETIMEDOUT .*"), text);
    }

    private Child run(String... args) throws IOException, InterruptedException {
        File out = tmp.resolve("out-" + System.nanoTime()).toFile();
        File err = tmp.resolve("err-" + System.nanoTime()).toFile();
        Process process = start(out, err, args);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the CLI did not exit within 60 s: " + Arrays.toString(args));
        }
        return new Child(process.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8),
                Files.readString(err.toPath(), StandardCharsets.UTF_8));
    }

    private static Process start(File out, File err, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(testClassPath());
        command.add(Cli.class.getName());
        command.addAll(Arrays.asList(args));
        return new ProcessBuilder(command).redirectOutput(out).redirectError(err)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    }

    // Surefire may hand the test JVM a manifest-only jar; its own property lists the real entries.
    private static String testClassPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isEmpty() ? surefire : System.getProperty("java.class.path");
    }

    private static final class Child {
        final int exitCode;
        final String out;
        final String err;

        Child(int exitCode, String out, String err) {
            this.exitCode = exitCode;
            this.out = out;
            this.err = err;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }
}
