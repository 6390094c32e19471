package io.tcpshake.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tcpshake.examples.library.LibraryExample;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The library example runs and shows what its comments promise. */
class LibraryExampleTest {
    @Test
    void exampleChecksAndMonitorsLoopbackTargets() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            LibraryExample.main(new String[0]);
        } finally {
            System.setOut(original);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        System.out.println(output);
        assertTrue(output.contains("sync:  127.0.0.1:") && output.contains(" UP "), output);
        assertTrue(output.contains("failed with errno 111: Connection refused"), output);
        assertTrue(output.contains("snapshot: service UP"), output);
        assertTrue(output.contains("snapshot: gone DOWN"), output);
    }
}
