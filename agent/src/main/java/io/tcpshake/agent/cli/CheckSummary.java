package io.tcpshake.agent.cli;

import io.tcpshake.core.EngineInfo;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/** Everything a {@code check} run reports (a snapshot of its tallies): per-address tallies, the total, speed and engine. */
final class CheckSummary {
    final List<AddressTally> addresses;
    final AddressTally total;
    final long elapsedNanos;
    final EngineInfo engine;
    final Duration timeout;
    final int checksPerAddress;
    final int concurrency;
    final boolean zeroLinger;

    CheckSummary(List<AddressTally> addresses, long elapsedNanos, EngineInfo engine, Duration timeout,
            int checksPerAddress, int concurrency, boolean zeroLinger) {
        this.addresses = addresses.stream().map(AddressTally::snapshot).collect(Collectors.toUnmodifiableList());
        this.total = AddressTally.total(this.addresses);
        this.elapsedNanos = elapsedNanos;
        this.engine = engine;
        this.timeout = timeout;
        this.checksPerAddress = checksPerAddress;
        this.concurrency = concurrency;
        this.zeroLinger = zeroLinger;
    }

    /** Checks per second from the first check's start to the last check's result. */
    double checksPerSecond() {
        return total.checks() * 1e9 / elapsedNanos;
    }

    boolean allUp() {
        return total.down() == 0;
    }
}
