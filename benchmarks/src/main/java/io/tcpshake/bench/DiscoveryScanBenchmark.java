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
 * 100, 1,000 or 10,000 loopback sockets while this JVM, which holds three connections of its own, scans,
 * alternately through netlink sock_diag (the agent's way) and the text tables of {@code /proc}. Beside them:
 * reading the text tables without parsing them (the floor of that route), and {@code ss -tnH state
 * established} (sock_diag from another process, its start included).
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
        OutboundConnections text = OutboundConnections.ofThisProcess(OutboundConnections.Table.PROC_TEXT);
        OutboundConnections netlink = OutboundConnections.ofThisProcess(OutboundConnections.Table.SOCK_DIAG);
        List<Map<String, Object>> rounds = new ArrayList<>();
        try (ServerSocket dependency = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            List<Socket> own = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                own.add(new Socket(dependency.getInetAddress(), dependency.getLocalPort()));
                own.add(dependency.accept());
            }
            out.printf("%8s %10s %14s %14s %14s %14s %12s %10s %6s%n", "sockets", "table rows", "sock_diag p50",
                    "sock_diag p90", "proc text p50", "proc text p90", "read only", "ss -tn", "found");
            for (int crowd : crowds) {
                Process holder = startCrowd(crowd);
                try {
                    rounds.add(round(netlink, text, crowd, out));
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

    private Map<String, Object> round(OutboundConnections netlink, OutboundConnections text, int crowd,
            PrintWriter out) throws Exception {
        int[] none = new int[0];
        for (int i = 0; i < 20; i++) {
            netlink.scan(none, () -> none); // warm-up: the JIT, the page cache
            text.scan(none, () -> none);
        }
        double[] scan = new double[scans];
        double[] textScan = new double[scans];
        double[] readOnly = new double[scans];
        OutboundConnections.Scan last = null;
        OutboundConnections.Scan lastText = null;
        for (int i = 0; i < scans; i++) {
            last = netlink.scan(none, () -> none);
            scan[i] = last.nanos() / 1e6;
            lastText = text.scan(none, () -> none);
            textScan[i] = lastText.nanos() / 1e6;
            readOnly[i] = readTables();
        }
        if (netlink.table() != OutboundConnections.Table.SOCK_DIAG) {
            throw new IllegalStateException("sock_diag failed here: the scans fell back to the text tables");
        }
        double[] ss = new double[5];
        for (int i = 0; i < ss.length; i++) {
            ss[i] = ssMillis();
        }
        Map<String, Object> round = new LinkedHashMap<>();
        round.put("sockets_held_elsewhere", crowd);
        round.put("table_rows", lastText.tableRows());
        round.put("sock_diag_sockets", last.tableRows());
        round.put("scan_ms_p50", percentile(scan, 0.5));
        round.put("scan_ms_p90", percentile(scan, 0.9));
        round.put("text_scan_ms_p50", percentile(textScan, 0.5));
        round.put("text_scan_ms_p90", percentile(textScan, 0.9));
        round.put("read_tables_ms_p50", percentile(readOnly, 0.5));
        round.put("ss_ms_p50", percentile(ss, 0.5));
        round.put("dependencies_found", last.remotes().size());
        out.printf(Locale.ROOT, "%8d %10d %14.2f %14.2f %14.2f %14.2f %12.2f %10.2f %6d%n", crowd,
                lastText.tableRows(), percentile(scan, 0.5), percentile(scan, 0.9), percentile(textScan, 0.5),
                percentile(textScan, 0.9), percentile(readOnly, 0.5), percentile(ss, 0.5), last.remotes().size());
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
