package io.tcpshake.bench;

import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a benchmark's result document (maps, lists, numbers, strings) as pretty-printed JSON. */
final class JsonFile {
    private JsonFile() {
    }

    static void write(Path file, Object document) throws IOException {
        Files.write(file, new GsonBuilder().setPrettyPrinting().serializeNulls().serializeSpecialFloatingPointValues()
                .create().toJson(document).getBytes(StandardCharsets.UTF_8));
    }
}
