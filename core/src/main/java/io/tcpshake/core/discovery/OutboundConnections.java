package io.tcpshake.core.discovery;

import io.tcpshake.core.internal.epoll.SockDiag;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The endpoints this process is connected to as a client: its own TCP sockets ({@code /proc/self/fd})
 * joined with the kernel's table of the namespace's TCP sockets (netlink {@code sock_diag} where JNA
 * loads, else the text of {@code /proc/self/net/tcp} and {@code tcp6}), keeping the ESTABLISHED ones that
 * <ul>
 *   <li>are not inbound: their local port is not one this process listens on (those are its clients, the
 *       exporter's and JMX's among them);</li>
 *   <li>are not the caller's own: sockets whose descriptors the caller names (tcpshake's checker sockets,
 *       which connect to targets and are ESTABLISHED for an instant per check).</li>
 * </ul>
 * Linux only. Cost: one {@code readlink} per descriptor of the process, and one pass over the namespace's
 * table in which only ESTABLISHED and LISTEN sockets of the process's own inodes are decoded; the kernel's
 * side of it grows with the namespace (the discovery benchmark measures both tables).
 */
public final class OutboundConnections {
    /** Where the namespace's sockets are read from. */
    public enum Table {
        /** Netlink {@code sock_diag}: a binary dump filtered by state in the kernel; needs JNA. */
        SOCK_DIAG,
        /** The text of {@code /proc/self/net/tcp} and {@code tcp6}. */
        PROC_TEXT
    }

    private final Path fdDirectory;
    private final List<Path> tables;
    private volatile Table table;

    private OutboundConnections(Path processDirectory, Table table) {
        this.fdDirectory = processDirectory.resolve("fd");
        this.tables = List.of(processDirectory.resolve("net/tcp"), processDirectory.resolve("net/tcp6"));
        this.table = table;
    }

    /**
     * Reads this process's sockets ({@code /proc/self}), the table through {@code sock_diag} where JNA loads
     * (the text tables otherwise, and from the first dump the kernel refuses on).
     */
    public static OutboundConnections ofThisProcess() {
        return ofThisProcess(SockDiag.unavailabilityCause() == null ? Table.SOCK_DIAG : Table.PROC_TEXT);
    }

    /** Reads this process's sockets with the namespace's table read from {@code table}. */
    public static OutboundConnections ofThisProcess(Table table) {
        return new OutboundConnections(Paths.get("/proc/self"), table);
    }

    /** Reads a process directory laid out as {@code /proc/<pid>} with its text tables (tests point it elsewhere). */
    public static OutboundConnections of(Path processDirectory) {
        return new OutboundConnections(processDirectory, Table.PROC_TEXT);
    }

    /** Where the namespace's sockets are read from now. */
    public Table table() {
        return table;
    }

    /**
     * One scan.
     *
     * @param ownFds descriptors whose sockets never count (read before the scan)
     * @param ownFdsAfter the same, read again after it: a socket the caller opened meanwhile is left out too
     * @throws IOException when the process's descriptors or the IPv4 table cannot be read (not Linux, no
     *     {@code /proc}, a sandbox); a missing {@code tcp6} (IPv6 off) is no error
     */
    public Scan scan(int[] ownFds, Supplier<int[]> ownFdsAfter) throws IOException {
        long started = System.nanoTime();
        SocketInodes process = SocketInodes.read(fdDirectory);
        List<Row> established = new ArrayList<>();
        Set<Integer> listening = new HashSet<>();
        TcpSocketSink sink = (state, local, remote, inode) -> {
            if (state == TcpSocketSink.LISTEN) {
                listening.add(local.getPort());
            } else {
                established.add(new Row(local, remote, inode));
            }
        };
        int rows = -1;
        if (table == Table.SOCK_DIAG) {
            try {
                rows = SockDiag.dumpTcp(false, process::contains, sink) + SockDiag.dumpTcp(true, process::contains, sink);
            } catch (IOException | RuntimeException | LinkageError e) {
                // A sandbox without netlink, or JNA gone: the text tables from now on.
                table = Table.PROC_TEXT;
                established.clear();
                listening.clear();
            }
        }
        if (rows < 0) {
            rows = 0;
            for (Path text : tables) {
                if (text == tables.get(1) && !Files.exists(text)) {
                    continue;
                }
                rows += ProcNetTcp.read(text, process::contains, sink);
            }
        }
        Set<Long> own = new HashSet<>();
        process.inodesOf(ownFds, own);
        process.inodesOf(ownFdsAfter.get(), own);
        Set<InetSocketAddress> remotes = new LinkedHashSet<>();
        int inbound = 0;
        for (Row row : established) {
            if (listening.contains(row.local.getPort())) {
                inbound++;
            } else if (!own.contains(row.inode)) {
                remotes.add(row.remote);
            }
        }
        return new Scan(remotes, rows, process.size(), inbound, System.nanoTime() - started);
    }

    private static final class Row {
        final InetSocketAddress local;
        final InetSocketAddress remote;
        final long inode;

        Row(InetSocketAddress local, InetSocketAddress remote, long inode) {
            this.local = local;
            this.remote = remote;
            this.inode = inode;
        }
    }

    /** What one scan found. */
    public static final class Scan {
        private final Set<InetSocketAddress> remotes;
        private final int tableRows;
        private final int processSockets;
        private final int inbound;
        private final long nanos;

        Scan(Set<InetSocketAddress> remotes, int tableRows, int processSockets, int inbound, long nanos) {
            this.remotes = Set.copyOf(remotes);
            this.tableRows = tableRows;
            this.processSockets = processSockets;
            this.inbound = inbound;
            this.nanos = nanos;
        }

        /** The remote ends of the process's outbound ESTABLISHED connections (IP literal and port). */
        public Set<InetSocketAddress> remotes() {
            return remotes;
        }

        /** Sockets of the namespace's table read (all of them from the text tables, ESTABLISHED and LISTEN ones from sock_diag). */
        public int tableRows() {
            return tableRows;
        }

        /** Sockets this process holds. */
        public int processSockets() {
            return processSockets;
        }

        /** ESTABLISHED connections to one of the process's listening ports, left out. */
        public int inbound() {
            return inbound;
        }

        /** How long the scan took. */
        public long nanos() {
            return nanos;
        }
    }
}
