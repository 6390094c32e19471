package io.tcpshake.core.discovery;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The sockets this process holds, from the {@code socket:[inode]} links of {@code /proc/self/fd}: the one
 * place that says which rows of the namespace-wide socket table are the process's own. One pass over the
 * descriptors, one {@code readlink} each.
 */
final class SocketInodes {
    private static final String PREFIX = "socket:[";

    private final Map<Integer, Long> byFd;
    private final Set<Long> all;

    private SocketInodes(Map<Integer, Long> byFd) {
        this.byFd = byFd;
        this.all = new HashSet<>(byFd.values());
    }

    /**
     * Reads {@code fdDirectory} ({@code /proc/self/fd}).
     *
     * @throws IOException when the directory cannot be listed (no /proc, or not allowed)
     */
    static SocketInodes read(Path fdDirectory) throws IOException {
        Map<Integer, Long> byFd = new HashMap<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(fdDirectory)) {
            for (Path fd : fds) {
                String link;
                try {
                    link = Files.readSymbolicLink(fd).toString();
                } catch (NoSuchFileException e) {
                    continue; // closed since the listing: the descriptor is not there any more
                }
                if (link.startsWith(PREFIX) && link.endsWith("]")) {
                    byFd.put(Integer.parseInt(fd.getFileName().toString()),
                            Long.parseLong(link.substring(PREFIX.length(), link.length() - 1)));
                }
            }
        }
        return new SocketInodes(byFd);
    }

    /** Whether {@code inode} is a socket of this process. */
    boolean contains(long inode) {
        return all.contains(inode);
    }

    /** The inodes of those of {@code fds} that are sockets, added to {@code into}. */
    void inodesOf(int[] fds, Set<Long> into) {
        for (int fd : fds) {
            Long inode = byFd.get(fd);
            if (inode != null) {
                into.add(inode);
            }
        }
    }

    /** How many sockets the process holds. */
    int size() {
        return byFd.size();
    }
}
