package io.tcpshake.core.internal.nio;

import io.tcpshake.core.CheckResult;
import io.tcpshake.core.internal.engine.PendingCheck;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/** The loop's state of one check whose connect is under way: its channel, key, slot and, once known, its result. */
final class InFlightCheck {
    final PendingCheck check;
    final SocketChannel channel;
    final int slot;
    SelectionKey key;
    /** Set when the check finished (answer or deadline); the channel is then closed and the result reported. */
    CheckResult result;

    InFlightCheck(PendingCheck check, SocketChannel channel, int slot) {
        this.check = check;
        this.channel = channel;
        this.slot = slot;
    }
}
