package io.tcpshake.bench;

import io.tcpshake.core.discovery.OutboundConnections;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What one discovery scan costs as the network namespace fills: another process ({@link SocketCrowd}) holds
 * 100, 1,000 or 10,000 loopback sockets while this JVM, which holds three connections of its own, scans.
 * Beside each: reading the kernel's tables without parsing them (the floor of the text route), and {@code ss
 * -tnH state established} (netlink sock_diag, filtered by state in the kernel; its process start included).
 */
@Command(name = "discovery", mixinStandardHelpOptions = true,
        description = "Cost of one discovery scan with 100, 1,000 and 10,000 sockets in the network namespace.")
final class DiscoveryScanBenchmark implements Callable<Integer> {
    @Option(names = "--sockets", split = ",", defaultValue = "100,1000,10000",
            description = "Sockets another process holds, per round. Default: ${DEFAULT-VALUE}.")
    List<Integer> crowds;

    @Option(names = "--scans", defaultValue = "50", description = "Measured scans per round. Default: ${DEFAULT-VALUE}.")
    int scans;

    @Mixin
    JsonOutput json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        OutboundConnections connections = OutboundConnections.ofThisProcess();
        List<Map<String, Object>> rounds = new ArrayList<>();
        try (ServerSocket dependency = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            List<Socket> own = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                own.add(new Socket(dependency.getInetAddress(), dependency.getLocalPort()));
                own.add(dependency.accept());
            }
            out.printf("%10s %10s %12s %12s %14s %14s %10s%n", "sockets", "table rows", "scan ms p50", "scan ms p90",
                    "read only ms", "ss -tn ms", "found");
            for (int crowd : crowds) {
                Process holder = startCrowd(crowd);
                try {
                    rounds.add(round(connections, crowd, out));
                } finally {
                    holder.getOutputStream().close();
                    if (!holder.waitFor(30, TimeUnit.SECONDS)) {
                        holder.destroyForcibly();
                    }
                }
            }
            for (Socket socket : own) {
                socket.close();
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("rounds", rounds);
        result.put("load_average", LoadAverage.values());
        out.println("load average " + LoadAverage.text());
        json.writeIfAsked(out, result);
        out.flush();
        return 0;
    }

    private Map<String, Object> round(OutboundConnections connections, int crowd, PrintWriter out) throws Exception {
        int[] none = new int[0];
        for (int i = 0; i < 20; i++) {
            connections.scan(none, () -> none); // warm-up: the JIT, the page cache
        }
        double[] scan = new double[scans];
        double[] readOnly = new double[scans];
        OutboundConnections.Scan last = null;
        for (int i = 0; i < scans; i++) {
            last = connections.scan(none, () -> none);
            scan[i] = last.nanos() / 1e6;
            readOnly[i] = readTables();
        }
        double[] ss = new double[5];
        for (int i = 0; i < ss.length; i++) {
            ss[i] = ssMillis();
        }
        Map<String, Object> round = new LinkedHashMap<>();
        round.put("sockets_held_elsewhere", crowd);
        round.put("table_rows", last.tableRows());
        round.put("scan_ms_p50", percentile(scan, 0.5));
        round.put("scan_ms_p90", percentile(scan, 0.9));
        round.put("read_tables_ms_p50", percentile(readOnly, 0.5));
        round.put("ss_ms_p50", percentile(ss, 0.5));
        round.put("dependencies_found", last.remotes().size());
        out.printf(Locale.ROOT, "%10d %10d %12.2f %12.2f %14.2f %14.2f %10d%n", crowd, last.tableRows(),
                percentile(scan, 0.5), percentile(scan, 0.9), percentile(readOnly, 0.5), percentile(ss, 0.5),
                last.remotes().size());
        out.flush();
        return round;
    }

    /** Reads both tables to the end and drops the bytes: what the kernel's text generation costs. */
    private static double readTables() throws IOException {
        long t0 = System.nanoTime();
        byte[] buffer = new byte[64 * 1024];
        for (String table : new String[] {"/proc/self/net/tcp", "/proc/self/net/tcp6"}) {
            try (InputStream in = Files.newInputStream(Path.of(table))) {
                while (in.read(buffer) > 0) {
                    // drop
                }
            }
        }
        return (System.nanoTime() - t0) / 1e6;
    }

    private static double ssMillis() throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Process ss = new ProcessBuilder("ss", "-tnH", "state", "established").redirectErrorStream(true).start();
        ss.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        ss.waitFor(30, TimeUnit.SECONDS);
        return (System.nanoTime() - t0) / 1e6;
    }

    private static Process startCrowd(int sockets) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("java.class.path");
        Process process = new ProcessBuilder(java, "-Xmx64m", "-cp", classPath, SocketCrowd.class.getName(),
                String.valueOf(sockets)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = lines.readLine();
        if (!"ready".equals(line)) {
            process.destroyForcibly();
            throw new IllegalStateException("the socket holder did not start (" + line + "); is ulimit -n at least "
                    + (sockets + 100) + "?");
        }
        return process;
    }

    private static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))];
    }
}
