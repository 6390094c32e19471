package io.tcpshake.core.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Captures TCP packets of one loopback port with tcpdump, to a file (printed live, tcpdump drops packets
 * of a fast run), and reads them back as {@link Packet}s. Needs tcpdump and the right to capture (root or
 * CAP_NET_RAW); {@link #available()} says whether both are there.
 */
public final class Tcpdump implements AutoCloseable {
    private static final Pattern FLAGS = Pattern.compile(
            "IP6? (\\S+)\\.(\\d+) > (\\S+)\\.(\\d+): Flags \\[([^\\]]*)\\]");

    private final Process process;
    private final File file;
    private final File log;

    private Tcpdump(Process process, File file, File log) {
        this.process = process;
        this.file = file;
        this.log = log;
    }

    /** Whether tcpdump runs here and may capture on lo. */
    public static boolean available() {
        try {
            // -d opens lo (so it fails without the right to capture) and only prints the compiled filter.
            // ("-c 0" is no probe: tcpdump rejects a packet count of 0.)
            Process probe = new ProcessBuilder("tcpdump", "-i", "lo", "-d", "tcp port 1")
                    .redirectErrorStream(true).start();
            if (!probe.waitFor(10, TimeUnit.SECONDS)) {
                probe.destroyForcibly();
                return false;
            }
            return probe.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Starts capturing {@code tcp port PORT} on lo; returns once tcpdump listens. */
    public static Tcpdump capture(int port) throws IOException {
        File file = File.createTempFile("tcpshake-", ".pcap");
        File log = File.createTempFile("tcpshake-", ".tcpdump.log");
        // --immediate-mode: without it libpcap holds packets in a ring block until a 1 s timeout, and the
        // SIGTERM of stop() loses what the block held (a capture of one check came back empty).
        // -s 128: headers only (Ethernet + IPv6 + TCP with options fit). In immediate mode every ring frame
        // is snaplen-sized; with the default 256 KiB the 64 MiB buffer holds ~256 packets and a burst of
        // 1,000 checks lost ~10 % of its packets; with 128 bytes none.
        Process process = new ProcessBuilder("tcpdump", "-i", "lo", "-nn", "-U", "--immediate-mode", "-s", "128",
                "-B", "65536",
                "-w", file.getPath(), "tcp port " + port)
                .redirectErrorStream(true).redirectOutput(log).start();
        Tcpdump tcpdump = new Tcpdump(process, file, log);
        org.awaitility.Awaitility.await("tcpdump listening").atMost(Duration.ofSeconds(10))
                .until(() -> tcpdump.logText().contains("listening on") || !process.isAlive());
        if (!process.isAlive()) {
            throw new IOException("tcpdump failed: " + tcpdump.logText());
        }
        return tcpdump;
    }

    /** Stops the capture (letting tcpdump flush) and returns every packet in order. */
    public List<Packet> stop() throws IOException, InterruptedException {
        awaitCaptureSettled();
        process.destroy(); // SIGTERM: tcpdump flushes what it read and exits
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        Process reader = new ProcessBuilder("tcpdump", "-nn", "-r", file.getPath()).redirectErrorStream(false).start();
        String text = new String(reader.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        reader.waitFor(30, TimeUnit.SECONDS);
        List<Packet> packets = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher m = FLAGS.matcher(line);
            if (m.find()) {
                packets.add(new Packet(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(4)), m.group(5), line));
            }
        }
        return packets;
    }

    /**
     * Waits until the capture file stops growing. Packets the kernel captured but tcpdump has not read yet
     * are lost at SIGTERM: stopped right after a fast run, a capture missed its last packets (or all of
     * them, when tcpdump had not been scheduled yet). With -U every packet read is written at once, so a
     * file that keeps its size for a few polls holds everything.
     */
    private void awaitCaptureSettled() {
        long[] last = {-1};
        int[] unchanged = {0};
        try {
            org.awaitility.Awaitility.await("tcpdump caught up").atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(50)).until(() -> {
                        long size = file.length();
                        unchanged[0] = size == last[0] ? unchanged[0] + 1 : 0;
                        last[0] = size;
                        return unchanged[0] >= 4 || !process.isAlive();
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // Still growing after 10 s: traffic other than the test's; stop anyway.
        }
    }

    private String logText() throws IOException {
        return new String(Files.readAllBytes(log.toPath()), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        process.destroyForcibly();
        file.delete();
        log.delete();
    }

    /** One captured TCP segment: ports and tcpdump's flags text ({@code S}, {@code S.}, {@code R.}, {@code .}, {@code F.}). */
    public static final class Packet {
        public final int sourcePort;
        public final int destinationPort;
        public final String flags;
        public final String line;

        Packet(int sourcePort, int destinationPort, String flags, String line) {
            this.sourcePort = sourcePort;
            this.destinationPort = destinationPort;
            this.flags = flags;
            this.line = line;
        }

        @Override
        public String toString() {
            return line;
        }
    }
}
