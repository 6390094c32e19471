package io.tcpshake.bench;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonParseException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * tcpshake's command-line checker as its users run it, {@code java -jar tcpshake.jar check -a HOST:PORT -n N
 * -c K --json}, in a child JVM (the {@code java} running the benchmark): its own {@code checks_per_second}
 * (first check to last result: JVM start-up excluded, JIT warm-up included) and the CPU time of the whole
 * process, start-up included. This is issue 11's figure, measured beside the C loops in the same run.
 */
final class CliScenario implements Scenario {
    private final Path jar;

    CliScenario(Path jar) {
        this.jar = jar;
    }

    @Override
    public String name() {
        return "tcpshake-cli";
    }

    @Override
    public String unavailableReason() {
        return jar != null && Files.isRegularFile(jar) ? null
                : "tcpshake.jar not found (build it with mvn package, or pass --cli-jar)";
    }

    @Override
    public Measurement run(InetSocketAddress target, long checks, int inFlight) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String address = target.getAddress().getHostAddress() + ":" + target.getPort();
        ShellRun run = ShellRun.run(name(), java + " -jar " + jar.toAbsolutePath() + " check -a " + address + " -n "
                + checks + " -c " + inFlight + " --json");
        JsonObject report;
        try {
            report = JsonParser.parseString(run.output.substring(Math.max(0, run.output.indexOf('{'))))
                    .getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new IllegalStateException(name() + " printed no JSON report: " + run.output, e);
        }
        long done = report.get("checks").getAsLong();
        double checksPerSecond = report.get("checks_per_second").getAsDouble();
        return new Measurement(name(), inFlight, done, report.get("up").getAsLong(), done / checksPerSecond,
                run.cpuNanos, -1);
    }
}
