package io.tcpshake.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;

/** Runs one benchmark command in-process, as {@code java -jar tcpshake-benchmarks.jar} would, with --json. */
final class BenchRun {
    final int exitCode;
    final String out;
    final String err;
    final JsonObject json;

    private BenchRun(int exitCode, String out, String err, JsonObject json) {
        this.exitCode = exitCode;
        this.out = out;
        this.err = err;
        this.json = json;
    }

    /** Runs {@code args} with {@code --json dir/result.json} appended; expects exit code 0 and the JSON file. */
    static BenchRun succeeding(Path dir, String... args) throws Exception {
        Path json = dir.resolve("result.json");
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.add("--json");
        all.add(json.toString());
        BenchRun run = run(all.toArray(new String[0]));
        assertEquals(0, run.exitCode, run.out + run.err);
        JsonObject document = JsonParser.parseString(new String(Files.readAllBytes(json), StandardCharsets.UTF_8))
                .getAsJsonObject();
        return new BenchRun(run.exitCode, run.out, run.err, document);
    }

    static BenchRun run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = BenchMain.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        System.out.println(out);
        System.out.println(err);
        return new BenchRun(exit, out.toString(), err.toString(), null);
    }
}
