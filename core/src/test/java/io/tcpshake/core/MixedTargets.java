package io.tcpshake.core;

import io.tcpshake.core.testing.LoopbackTargets;
import io.tcpshake.core.testing.LoopbackTargets.UpListener;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * One loopback target per outcome and a fixed pattern over them, so that check number {@code i} has a
 * known expected outcome: every {@code timeoutEvery}-th check goes to the full-backlog listener (TIMEOUT),
 * of the others the odd ones to the listener (UP) and the even ones to the closed port (REFUSED).
 */
final class MixedTargets {
    final UpListener up;
    final InetSocketAddress refused;
    final InetSocketAddress silent;
    private final int timeoutEvery;

    MixedTargets(LoopbackTargets targets, InetAddress ip, int timeoutEvery) throws IOException {
        this.up = targets.upListener(ip);
        this.refused = targets.refusedAddress(ip);
        this.silent = targets.timeoutAddress(ip);
        this.timeoutEvery = timeoutEvery;
    }

    Outcome expected(int i) {
        if (i % timeoutEvery == 0) {
            return Outcome.TIMEOUT;
        }
        return i % 2 == 1 ? Outcome.UP : Outcome.REFUSED;
    }

    InetSocketAddress address(int i) {
        switch (expected(i)) {
            case TIMEOUT:
                return silent;
            case UP:
                return up.address();
            default:
                return refused;
        }
    }
}
