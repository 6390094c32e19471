package io.tcpshake.core.testing;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Running a child process without CAP_NET_RAW, as in a container whose security profile drops it: {@code setpriv}
 * (util-linux) takes it out of the bounding and inheritable sets before the command runs.
 */
public final class NetRawCapability {
    /** The command prefix: {@code setpriv ... java ...} runs java without CAP_NET_RAW. */
    public static final List<String> DROPPED = List.of("setpriv", "--bounding-set", "-net_raw", "--inh-caps",
            "-net_raw");

    private NetRawCapability() {
    }

    /** Whether {@link #DROPPED} works here (setpriv installed, and allowed to change the sets). */
    public static boolean canDrop() throws InterruptedException {
        try {
            Process probe = new ProcessBuilder("setpriv", "--bounding-set", "-net_raw", "true")
                    .redirectErrorStream(true).start();
            probe.getInputStream().readAllBytes();
            return probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
