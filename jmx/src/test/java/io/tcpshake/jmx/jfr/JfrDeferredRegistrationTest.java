package io.tcpshake.jmx.jfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tcpshake.core.monitor.Monitor;
import io.tcpshake.core.monitor.Target;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;

/**
 * In a JVM that records nothing, the JFR output does not initialize the Flight Recorder (a few hundred
 * milliseconds of CPU at start-up); the events are registered the moment a recording is first created, and
 * that recording already lists them. In a child JVM, since the test JVM's recorder is initialized by the
 * other JFR tests.
 */
class JfrDeferredRegistrationTest {
    @Test
    void eventsAreRegisteredWhenTheFlightRecorderIsFirstInitialized() throws Exception {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                RecorderLater.class.getName()).redirectErrorStream(true).start();
        String output;
        try {
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child JVM did not finish in 60 s");
            output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            child.destroyForcibly();
        }
        assertEquals(0, child.exitValue(), output);
        assertTrue(output.contains("after start: started=true registered=false recorderInitialized=false"), output);
        assertTrue(output.contains("after new Recording(): registered=true listed=true"), output);
        assertTrue(output.contains("after close: started=false registered=false"), output);
    }

    /** The child: a monitor with the JFR output, then a first recording. */
    public static final class RecorderLater {
        public static void main(String[] args) throws IOException {
            try (Monitor monitor = Monitor.builder().build()) {
                monitor.put(Target.builder("127.0.0.1", 1).name("one").build());
                JfrOutput output = JfrOutput.start(monitor);
                System.out.println("after start: started=" + output.isStarted() + " registered="
                        + output.isRegistered() + " recorderInitialized=" + FlightRecorder.isInitialized());
                try (Recording recording = new Recording()) {
                    List<EventType> types = FlightRecorder.getFlightRecorder().getEventTypes();
                    boolean listed = types.stream().anyMatch(type -> type.getName().equals("io.tcpshake.Check"))
                            && types.stream().anyMatch(type -> type.getName().equals("io.tcpshake.StateChange"));
                    System.out.println("after new Recording(): registered=" + output.isRegistered() + " listed="
                            + listed);
                }
                output.close();
                System.out.println("after close: started=" + output.isStarted() + " registered="
                        + output.isRegistered());
            }
        }
    }
}
