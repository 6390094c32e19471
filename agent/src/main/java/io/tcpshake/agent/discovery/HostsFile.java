package io.tcpshake.agent.discovery;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Names for addresses from the hosts file ({@code /etc/hosts}): the one source of a name for a discovered
 * address that costs no lookup and cannot disturb the application. (The name the application itself
 * resolved is not knowable without hooking its resolver; see the README's discovery section.)
 */
final class HostsFile {
    static final Path SYSTEM = Paths.get("/etc/hosts");

    private final Map<InetAddress, String> names;

    private HostsFile(Map<InetAddress, String> names) {
        this.names = names;
    }

    /** The file's first name for each address; no names when it cannot be read. */
    static HostsFile read(Path file) {
        Map<InetAddress, String> names = new HashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int hash = line.indexOf('#');
                String[] fields = (hash < 0 ? line : line.substring(0, hash)).trim().split("\\s+");
                if (fields.length >= 2 && isIpLiteral(fields[0])) {
                    names.putIfAbsent(InetAddress.getByName(fields[0]), fields[1]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // No hosts file (a minimal container), or one that is not text: addresses keep their IP.
        }
        return new HostsFile(names);
    }

    Optional<String> nameOf(InetAddress address) {
        return Optional.ofNullable(names.get(address));
    }

    private static boolean isIpLiteral(String text) {
        // Only literals: InetAddress.getByName of anything else would be a lookup.
        return text.matches("[0-9.]+") && text.chars().filter(c -> c == '.').count() == 3
                || text.matches("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*") && !text.contains("%");
    }
}
