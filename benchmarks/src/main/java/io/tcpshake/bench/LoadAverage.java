package io.tcpshake.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The machine's load average (1, 5, 15 minutes), printed beside every figure: the machine is shared. */
final class LoadAverage {
    private LoadAverage() {
    }

    /** {@code /proc/loadavg}'s three averages, or the 1-minute one from the JDK where there is no /proc. */
    static List<Double> values() {
        List<Double> values = new ArrayList<>();
        try {
            String[] fields = new String(Files.readAllBytes(Path.of("/proc/loadavg")), StandardCharsets.US_ASCII)
                    .trim().split("\\s+");
            for (int i = 0; i < 3; i++) {
                values.add(Double.parseDouble(fields[i]));
            }
        } catch (IOException | RuntimeException e) {
            values.clear();
            values.add(java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
        return values;
    }

    /** E.g. {@code 1.67 3.24 6.28 (1/5/15 min) on 2 cores}. */
    static String text() {
        StringBuilder text = new StringBuilder();
        for (double value : values()) {
            text.append(String.format(java.util.Locale.ROOT, "%.2f ", value));
        }
        return text.append("(1/5/15 min) on ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores").toString();
    }
}
