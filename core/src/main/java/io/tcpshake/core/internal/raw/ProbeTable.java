package io.tcpshake.core.internal.raw;

import io.tcpshake.core.internal.engine.PendingCheck;
import java.util.Arrays;

/**
 * The probes in flight, each in a slot: its check, its route, source port and sequence number. A source
 * port serves several probes at once as long as their destinations (address and port) differ, as the
 * kernel's own ports do; the probes of one port are chained, so that an answer, which names the port, is
 * matched by walking a chain of one or two. A probe takes the port its address gave back last (as a
 * pooled socket of the epoll engine keeps its port), else the next of a round-robin cursor; a late answer
 * to an earlier probe on the same port is told apart by the sequence number. Loop thread only.
 */
final class ProbeTable {
    private final int[] ports;
    private final int lowPort;
    /** Port number minus {@link #lowPort} to the port's index in {@link #ports}, or -1 when not ours. */
    private final int[] portIndex;
    /** The first slot of each port's chain, or -1. */
    private final int[] chainHeads;
    private int cursor;

    private PendingCheck[] checks = new PendingCheck[64];
    private Route[] routes = new Route[64];
    private int[] slotPort = new int[64];
    private int[] sequences = new int[64];
    private int[] nextInChain = new int[64];
    private int[] freeSlots = new int[64];
    private int freeCount;
    private int highWater;
    private int inFlight;
    private int ipv6InFlight;
    private long removals;

    ProbeTable(int[] ports) {
        this.ports = ports;
        this.lowPort = ports[0];
        this.portIndex = new int[ports[ports.length - 1] - lowPort + 1];
        Arrays.fill(portIndex, -1);
        for (int i = 0; i < ports.length; i++) {
            portIndex[ports[i] - lowPort] = i;
        }
        this.chainHeads = new int[ports.length];
        Arrays.fill(chainHeads, -1);
    }

    /**
     * A slot for {@code check} on a source port no probe to the same destination uses; -1 when every port
     * has one (as many probes to one destination in flight as there are ports).
     */
    int add(PendingCheck check, Route route) {
        int targetPort = check.address().getPort();
        for (int index = route.takeFreedPort(); index >= 0; index = route.takeFreedPort()) {
            if (!inUse(index, route, targetPort)) {
                return place(index, check, route);
            }
        }
        for (int tried = 0; tried < ports.length; tried++) {
            int index = cursor;
            cursor = cursor + 1 == ports.length ? 0 : cursor + 1;
            if (!inUse(index, route, targetPort)) {
                return place(index, check, route);
            }
        }
        return -1;
    }

    private int place(int index, PendingCheck check, Route route) {
        int slot = newSlot();
        checks[slot] = check;
        routes[slot] = route;
        slotPort[slot] = index;
        sequences[slot] = 0;
        nextInChain[slot] = chainHeads[index];
        chainHeads[index] = slot;
        inFlight++;
        if (route.ipv6) {
            ipv6InFlight++;
        }
        return slot;
    }

    private boolean inUse(int index, Route route, int targetPort) {
        for (int slot = chainHeads[index]; slot >= 0; slot = nextInChain[slot]) {
            Route other = routes[slot];
            if (other.low == route.low && other.high == route.high && other.ipv6 == route.ipv6
                    && checks[slot].address().getPort() == targetPort) {
                return true;
            }
        }
        return false;
    }

    /**
     * The slot of the probe from {@code port} to {@code targetPort} at the address in {@code packet} at
     * {@code addressOffset} whose sequence number is {@code sequence}; -1 when there is none (a late or
     * stray answer).
     */
    int find(int port, java.nio.ByteBuffer packet, int addressOffset, int targetPort, int sequence) {
        int offset = port - lowPort;
        if (offset < 0 || offset >= portIndex.length || portIndex[offset] < 0) {
            return -1;
        }
        for (int slot = chainHeads[portIndex[offset]]; slot >= 0; slot = nextInChain[slot]) {
            if (sequences[slot] == sequence && checks[slot].address().getPort() == targetPort
                    && routes[slot].isAddressAt(packet, addressOffset)) {
                return slot;
            }
        }
        return -1;
    }

    /** Frees the slot and returns its check. */
    PendingCheck remove(int slot) {
        PendingCheck check = checks[slot];
        int index = slotPort[slot];
        if (chainHeads[index] == slot) {
            chainHeads[index] = nextInChain[slot];
        } else {
            int before = chainHeads[index];
            while (nextInChain[before] != slot) {
                before = nextInChain[before];
            }
            nextInChain[before] = nextInChain[slot];
        }
        inFlight--;
        if (routes[slot].ipv6) {
            ipv6InFlight--;
        }
        routes[slot].portFreed(index, ports.length);
        removals++;
        checks[slot] = null;
        routes[slot] = null;
        freeSlots[freeCount++] = slot;
        return check;
    }

    /** Probes removed so far: a port may have come free since this last changed. */
    long removals() {
        return removals;
    }

    /** Probes to IPv6 destinations in flight: while there are none, the IPv6 socket need not be read. */
    int ipv6InFlight() {
        return ipv6InFlight;
    }

    /** Probes to IPv4 destinations in flight. */
    int ipv4InFlight() {
        return inFlight - ipv6InFlight;
    }

    PendingCheck check(int slot) {
        return checks[slot];
    }

    Route route(int slot) {
        return routes[slot];
    }

    int sourcePort(int slot) {
        return ports[slotPort[slot]];
    }

    /** Sets the sequence number of the probe in {@code slot}, chosen once its source port is known. */
    void setSequence(int slot, int sequence) {
        sequences[slot] = sequence;
    }

    /** Slots ever used: those below it with a check are in flight. */
    int highWater() {
        return highWater;
    }

    private int newSlot() {
        if (freeCount > 0) {
            return freeSlots[--freeCount];
        }
        if (highWater == checks.length) {
            int length = highWater * 2;
            checks = Arrays.copyOf(checks, length);
            routes = Arrays.copyOf(routes, length);
            slotPort = Arrays.copyOf(slotPort, length);
            sequences = Arrays.copyOf(sequences, length);
            nextInChain = Arrays.copyOf(nextInChain, length);
            freeSlots = Arrays.copyOf(freeSlots, length);
        }
        return highWater++;
    }
}
