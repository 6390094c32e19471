package io.tcpshake.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What reading a targets file costs: {@code java -jar tcpshake.jar validate FILE} (the agent's own reading and
 * checking) in child JVMs, for files at and past the limits, with this build's jar and, with
 * {@code --baseline}, another build's beside it in the same run. Per file and jar: the outcome, the wall time
 * and peak RSS with the default heap, and the smallest of {@code --heaps} in which it ends without an
 * OutOfMemoryError (or in the time limit: a heap in which it only runs out of time does not count).
 */
@Command(name = "targets-file", mixinStandardHelpOptions = true,
        description = "Time, peak RSS and smallest heap of reading large or odd targets files (validate).")
final class TargetsFileBenchmark implements Callable<Integer> {
    /** The JVM's exit status under {@code -XX:+ExitOnOutOfMemoryError}. */
    private static final int OUT_OF_MEMORY_EXIT = 3;

    @Option(names = "--agent", description = "tcpshake.jar. Default: agent/target/tcpshake.jar or ../agent/target/tcpshake.jar.")
    Path agent;

    @Option(names = "--baseline", description = "Another tcpshake.jar (e.g. built from an older commit), measured beside it.")
    Path baseline;

    @Option(names = "--java", description = "The java launcher of the child JVMs. Default: this JVM's (java.home).")
    Path java;

    @Option(names = "--heaps", split = ",", defaultValue = "16,24,32,48,64,96,128,256,512,1024",
            description = "Heap sizes (MB, ascending) searched for the smallest that works. Default: ${DEFAULT-VALUE}.")
    List<Integer> heaps;

    @Option(names = "--files", split = ",", defaultValue = "targets-10000,targets-8MB,value-1MiB,value-2MB,values-2MB",
            description = "Files to read, of: targets-10000 (10,000 targets, a label each), targets-8MB (8 MB of"
                    + " targets), value-1MiB (one 1 MiB value), value-2MB (one value filling 2 MB), values-2MB"
                    + " (2 MB of one-letter values). Default: ${DEFAULT-VALUE}.")
    List<String> files;

    @Option(names = "--timeout-s", defaultValue = "120",
            description = "A run still going after this is killed and reported so. Default: ${DEFAULT-VALUE}.")
    long timeoutSeconds;

    @Mixin
    JsonOutput json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path current = agent != null ? agent : FootprintBenchmark.defaultAgentJar();
        if (current == null || !Files.isRegularFile(current) || (baseline != null && !Files.isRegularFile(baseline))) {
            err.println("targets-file: agent jar not found at " + (current == null ? "agent/target/tcpshake.jar"
                    : current.toAbsolutePath()) + (baseline == null ? "" : " or " + baseline.toAbsolutePath())
                    + ": build it with 'mvn -q -pl agent -am package -DskipTests' or pass --agent PATH");
            return 2;
        }
        Path launcher = java != null ? java : Path.of(System.getProperty("java.home"), "bin", "java");
        Map<String, Path> jars = new LinkedHashMap<>();
        jars.put("this build", current);
        if (baseline != null) {
            jars.put("baseline", baseline);
        }
        Path work = Files.createTempDirectory("tcpshake-targets-file");
        List<Map<String, Object>> rows = new ArrayList<>();
        try {
            out.printf("%-14s %10s  %-10s %-44s %8s %9s %9s%n", "file", "bytes", "jar", "outcome", "wall ms",
                    "RSS MB", "min heap");
            for (String name : files) {
                Path file = write(work, name);
                if (file == null) {
                    err.println("targets-file: unknown file '" + name + "' (see --help)");
                    return 2;
                }
                for (Map.Entry<String, Path> jar : jars.entrySet()) {
                    Map<String, Object> row = measure(launcher, jar.getValue(), file);
                    row.put("file", name);
                    row.put("bytes", Files.size(file));
                    row.put("jar", jar.getKey());
                    rows.add(row);
                    out.printf("%-14s %,10d  %-10s %-44s %8.0f %9.1f %9s%n", name, Files.size(file), jar.getKey(),
                            shorten((String) row.get("outcome")), row.get("wall_ms"), row.get("peak_rss_mb"),
                            minHeapText(row));
                    out.flush();
                }
                Files.delete(file);
            }
        } finally {
            Files.deleteIfExists(work);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("java", launcher.toString());
        result.put("rows", rows);
        result.put("load_average", LoadAverage.values());
        out.println("load average " + LoadAverage.text());
        json.writeIfAsked(out, result);
        out.flush();
        return 0;
    }

    private Map<String, Object> measure(Path launcher, Path jar, Path file) throws IOException, InterruptedException {
        Map<String, Object> row = new LinkedHashMap<>();
        PeakRss.Run run = PeakRss.run(command(launcher, jar, file, null), timeoutSeconds);
        row.put("exit_code", run.exitCode);
        row.put("outcome", run.firstLine.replace(file.getParent() + "/", ""));
        row.put("wall_ms", run.wallMillis);
        row.put("peak_rss_mb", run.peakRssKb / 1024.0);
        row.put("smallest_heap_mb", run.exitCode == PeakRss.KILLED ? null : smallestHeap(launcher, jar, file));
        return row;
    }

    /** Binary search over {@link #heaps}, taken to be monotonic: null when even the largest runs out. */
    private Integer smallestHeap(Path launcher, Path jar, Path file) throws IOException, InterruptedException {
        int low = 0;
        int high = heaps.size() - 1;
        Integer found = null;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            PeakRss.Run run = PeakRss.run(command(launcher, jar, file, heaps.get(middle)), timeoutSeconds);
            if (run.exitCode == OUT_OF_MEMORY_EXIT || run.exitCode == PeakRss.KILLED) {
                low = middle + 1;
            } else {
                found = heaps.get(middle);
                high = middle - 1;
            }
        }
        return found;
    }

    private String minHeapText(Map<String, Object> row) {
        if ((Integer) row.get("exit_code") == PeakRss.KILLED) {
            return "-";
        }
        Object heap = row.get("smallest_heap_mb");
        return heap == null ? "> " + heaps.get(heaps.size() - 1) : heap.toString();
    }

    private static List<String> command(Path launcher, Path jar, Path file, Integer heapMb) {
        List<String> command = new ArrayList<>();
        command.add(launcher.toString());
        if (heapMb != null) {
            command.add("-Xmx" + heapMb + "m");
            command.add("-XX:+ExitOnOutOfMemoryError");
        }
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        command.add("validate");
        command.add(file.toString());
        return command;
    }

    /** Writes the file {@code name} stands for, or returns null for an unknown name. */
    private static Path write(Path dir, String name) throws IOException {
        StringBuilder text = new StringBuilder();
        switch (name) {
            case "targets-10000":
                appendTargets(text, 10_000, Integer.MAX_VALUE);
                break;
            case "targets-8MB":
                appendTargets(text, Integer.MAX_VALUE, 8 * 1024 * 1024 - 100);
                break;
            case "value-1MiB":
                text.append("targets:\n  - {name: ").append("n".repeat(1024 * 1024)).append(", address: \"127.0.0.1:1\"}\n");
                break;
            case "value-2MB":
                text.append("targets:\n  - {name: ").append("n".repeat(2 * 1024 * 1024 - 100))
                        .append(", address: \"127.0.0.1:1\"}\n");
                break;
            case "values-2MB":
                text.append("targets: [").append("a,".repeat((2 * 1024 * 1024 - 100) / 2)).append("a]\n");
                break;
            default:
                return null;
        }
        return Files.write(dir.resolve(name + ".yaml"), text.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void appendTargets(StringBuilder text, int count, int maxChars) {
        text.append("targets:\n");
        for (int i = 0; i < count; i++) {
            String line = "  - {name: t" + i + ", address: \"127.0.0.1:" + (1 + i % 60_000) + "\", labels: {tier: db}}\n";
            if (text.length() + line.length() > maxChars) {
                return;
            }
            text.append(line);
        }
    }

    private static String shorten(String text) {
        return text.length() <= 44 ? text : text.substring(0, 41) + "...";
    }
}
