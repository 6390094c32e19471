package io.tcpshake.core;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The {@link InetAddress} of IP literals parsed lately, shared: many targets are ports of a few hosts, and an
 * address is about 40 B of heap (the {@code Inet4Address} and its holder) that every endpoint of the host
 * kept a copy of. Direct-mapped by the literal's hash, 256 slots of one literal each: bounded, without a
 * lock, and a literal whose slot was taken by another is parsed again (an address of its own, as before).
 * Sharing is safe: an address's value does not change, and the name a reverse lookup may store into it is
 * the same for every endpoint of that literal. An IPv6 literal with a zone ({@code fe80::1%eth0}) is not
 * shared: its interface's index is looked up when it is parsed, and may change.
 */
final class LiteralAddresses {
    private static final int SLOTS = 256;
    private static final AtomicReferenceArray<Entry> SLOT = new AtomicReferenceArray<>(SLOTS);

    private LiteralAddresses() {
    }

    /** The address of the checked IP literal {@code host}: one parsed before when still in its slot. */
    static InetAddress of(String host) throws UnknownHostException {
        if (host.indexOf('%') >= 0) {
            return InetAddress.getByName(host);
        }
        int slot = host.hashCode() & (SLOTS - 1);
        Entry entry = SLOT.get(slot);
        if (entry != null && entry.host.equals(host)) {
            return entry.address;
        }
        // A checked literal never triggers a lookup: InetAddress parses it.
        InetAddress address = InetAddress.getByName(host);
        SLOT.set(slot, new Entry(host, address));
        return address;
    }

    private static final class Entry {
        final String host;
        final InetAddress address;

        Entry(String host, InetAddress address) {
            this.host = host;
            this.address = address;
        }
    }
}
