package io.tcpshake.core.monitor;

import io.tcpshake.core.CheckResult;
import java.net.InetSocketAddress;
import java.util.Objects;

/** One resolved address of a target that checks every address of its name: its own rise/fall state. */
public final class AddressSnapshot {
    private final InetSocketAddress address;
    private final TargetState state;
    private final CheckResult lastResult;

    public AddressSnapshot(InetSocketAddress address, TargetState state, CheckResult lastResult) {
        this.address = Objects.requireNonNull(address, "address");
        this.state = Objects.requireNonNull(state, "state");
        this.lastResult = lastResult;
    }

    public InetSocketAddress address() {
        return address;
    }

    public TargetState state() {
        return state;
    }

    /** The latest result for this address, null before its first check. */
    public CheckResult lastResult() {
        return lastResult;
    }
}
