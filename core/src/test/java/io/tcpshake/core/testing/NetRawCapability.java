package io.tcpshake.core.testing;

import java.util.List;

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
        return Commands.succeed("setpriv", "--bounding-set", "-net_raw", "true");
    }
}
