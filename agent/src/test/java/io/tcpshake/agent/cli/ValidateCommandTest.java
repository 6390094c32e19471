package io.tcpshake.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ValidateCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void validFileIsOkWithItsTargetCount() throws IOException {
        Path file = write("targets:\n  - 127.0.0.1:5432\n  - {name: redis, address: \"[::1]:6379\"}\n");

        int status = run(Map.of(), file.toString());

        assertEquals(0, status);
        assertEquals(file + ": OK (2 targets)\n", out.toString());
        assertEquals("", err.toString());
    }

    @Test
    void aFileWithADiscoveryBlockSaysSo() throws IOException {
        Path file = write("targets: []\ndiscovery: {}\n");

        assertEquals(0, run(Map.of(), file.toString()));
        assertEquals(file + ": OK (0 targets, and discovery of the JVM's connections)\n", out.toString());
    }

    @Test
    void tcpshakeValidateRunsFromTheTopLevelCommand() throws IOException {
        Path good = write("targets:\n  - 127.0.0.1:5432\n");
        CliRun ok = CliRun.of("validate", good.toString());
        assertEquals(0, ok.exitCode, ok.err);
        assertEquals(good + ": OK (1 target)", ok.outLines().get(0));

        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "targets:\n  - {address: 127.0.0.1:1, timout: 1s}\n");
        CliRun rejected = CliRun.of("validate", bad.toString());
        assertEquals(1, rejected.exitCode);
        assertTrue(rejected.err.contains(bad + ":2:"), rejected.err);
        assertTrue(rejected.err.contains("did you mean 'timeout'?"), rejected.err);
    }

    @Test
    void oneTargetIsSingular() throws IOException {
        Path file = write("targets: [\"127.0.0.1:1\"]\n");

        assertEquals(0, run(Map.of(), file.toString()));
        assertEquals(file + ": OK (1 target)\n", out.toString());
    }

    @Test
    void everyErrorIsPrintedWithLineAndColumnAndExitIsOne() throws IOException {
        Path file = write("defaults:\n  interval: 10\ntargets:\n  - address: 127.0.0.1:1\n    timout: 1s\n");

        int status = run(Map.of(), file.toString());

        assertEquals(1, status);
        assertEquals("", out.toString());
        assertEquals(file + ":2:13: interval '10' has no unit: write 10s or 10ms (units: ms, s, m, h)\n"
                + file + ":5:5: unknown key 'timout' (did you mean 'timeout'?)\n", err.toString());
    }

    @Test
    void missingFileIsAnErrorNamingItsAbsolutePath() {
        Path file = dir.resolve("missing.yaml");

        assertEquals(1, run(Map.of(), file.toString()));
        assertEquals(file + ": file not found: " + file.toAbsolutePath() + "\n", err.toString());
    }

    @Test
    void variablesComeFromTheEnvironmentAndOptionsOverrideTheFile() throws IOException {
        Path file = write("exporter: {port: 9464}\ntargets: [\"${DB:-127.0.0.1}:5432\", \"${CACHE}:6379\"]\n");

        assertEquals(1, run(Map.of(), file.toString()));
        assertEquals(file + ":2:36: environment variable CACHE is not set: set it, or give a default with "
                + "${CACHE:-value}\n", err.toString());

        err.getBuffer().setLength(0);
        assertEquals(0, run(Map.of("CACHE", "127.0.0.2"), file.toString(), "--option", "port=9465"));
        assertEquals(file + ": OK (2 targets)\n", out.toString());

        assertEquals(1, run(Map.of("CACHE", "127.0.0.2"), file.toString(), "--option", "port=99999"));
        assertEquals("agent option 'port=99999': port 99999 is out of range: expected 0..65535 (0 = any free "
                + "port)\n", err.toString());
    }

    @Test
    void helpDescribesTheCommand() {
        assertEquals(0, run(Map.of(), "--help"));
        assertTrue(out.toString().startsWith("Usage: validate"), out.toString());
        assertTrue(out.toString().contains("file:line:column"), out.toString());
    }

    private int run(Map<String, String> environment, String... args) {
        CommandLine cmd = new CommandLine(new ValidateCommand(environment));
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    private Path write(String text) throws IOException {
        Path file = dir.resolve("targets.yaml");
        Files.writeString(file, text);
        return file;
    }
}
