package io.tcpshake.bench;

import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --json} option every benchmark command has (a picocli mixin), and the writing of the command's
 * result document (maps, lists, numbers, strings) as pretty-printed JSON.
 */
final class JsonOutput {
    @Option(names = "--json", description = "Also write the results as JSON to this file.")
    Path file;

    /** Writes {@code document} to the {@code --json} file and says so on {@code out}; nothing without the option. */
    void writeIfAsked(PrintWriter out, Object document) throws IOException {
        if (file == null) {
            return;
        }
        Files.write(file, new GsonBuilder().setPrettyPrinting().serializeNulls().serializeSpecialFloatingPointValues()
                .create().toJson(document).getBytes(StandardCharsets.UTF_8));
        out.println("wrote " + file);
    }
}
