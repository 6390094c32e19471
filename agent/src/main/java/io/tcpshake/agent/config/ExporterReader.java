package io.tcpshake.agent.config;

import io.tcpshake.core.HostPort;
import io.tcpshake.core.InputText;
import io.tcpshake.exporter.MetricsEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the {@code exporter:} block: bind address, port, basic auth and TLS. The keystore is opened here, so
 * a wrong path or password is reported with its line and column instead of when the endpoint starts.
 */
final class ExporterReader {
    private static final Pattern PORT_AFTER_BRACKETS = Pattern.compile("\\[.*\\]:[0-9]+");
    private static final Map<String, String> KEYSTORE_TYPES = keystoreTypes();
    private static final long MAX_KEYSTORE_BYTES = 1024 * 1024;

    private final ReadContext context;
    private final Path baseDir;

    ExporterReader(ReadContext context, Path baseDir) {
        this.context = context;
        this.baseDir = baseDir;
    }

    ExporterSettings read(Optional<ConfigBlock> exporter) {
        if (exporter.isEmpty()) {
            return ExporterSettings.DEFAULT;
        }
        ConfigBlock block = exporter.get();
        boolean enabled = block.bool("enabled").orElse(true);
        String host = block.scalar("host").flatMap(this::host).orElse(ExporterSettings.DEFAULT_HOST);
        int port = block.integer("port", 0, 65535, "0..65535 (0 = any free port)")
                .orElse(ExporterSettings.DEFAULT_PORT);
        BasicAuthSettings basicAuth = block.block("basic_auth", BlockSchema.BASIC_AUTH)
                .flatMap(this::basicAuth).orElse(null);
        TlsSettings tls = block.block("tls", BlockSchema.TLS).flatMap(this::tls).orElse(null);
        return new ExporterSettings(enabled, host, port, basicAuth, tls);
    }

    /** The bind address by the rules of every address ({@link HostPort#requireHost}), without a port. */
    private Optional<String> host(ConfigValue value) {
        String host = value.text();
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        boolean ipv6 = bare.indexOf(':') != bare.lastIndexOf(':');
        if (!ipv6 && bare.indexOf(':') >= 0 || PORT_AFTER_BRACKETS.matcher(host).matches()) {
            context.error(value.location(), "host " + InputText.quote(host) + " includes a port: write the port "
                    + "under port:, and the host alone (e.g. 0.0.0.0, 127.0.0.1 or ::)");
            return Optional.empty();
        }
        try {
            return Optional.of(HostPort.requireHost(host));
        } catch (IllegalArgumentException e) {
            context.error(value.location(), e.getMessage() + " (the address to listen on: e.g. 127.0.0.1, "
                    + "0.0.0.0 for every interface, or ::)");
            return Optional.empty();
        }
    }

    private Optional<BasicAuthSettings> basicAuth(ConfigBlock block) {
        Optional<String> username = block.text("username");
        if (username.isPresent() && username.get().indexOf(':') >= 0) {
            context.error(block.valueLocation("username").orElse(block.location()),
                    "username must not contain ':' (basic auth separates user and password with it)");
            username = Optional.empty();
        } else if (!block.isSet("username")) {
            context.error(block.location(), "basic_auth needs a username");
        }
        boolean hasSha = block.isSet("password_sha256");
        boolean hasBcrypt = block.isSet("password_bcrypt");
        if (hasSha && hasBcrypt) {
            context.error(block.valueLocation("password_bcrypt").orElse(block.location()),
                    "give password_sha256 or password_bcrypt, not both");
            return Optional.empty();
        }
        if (!hasSha && !hasBcrypt) {
            context.error(block.location(), "basic_auth needs password_sha256 or password_bcrypt (the hash of the "
                    + "password, never the password itself)");
            return Optional.empty();
        }
        Optional<BasicAuthSettings.HashKind> kind = Optional.empty();
        Optional<String> hash = Optional.empty();
        if (hasSha) {
            hash = block.text("password_sha256").flatMap(v -> {
                String hex = v.trim().toLowerCase(java.util.Locale.ROOT);
                if (isUsable(BasicAuthSettings.HashKind.SHA256, hex)) {
                    return Optional.of(hex);
                }
                // The hash is not echoed: a mistaken value may be the password itself.
                context.error(block.valueLocation("password_sha256").orElse(block.location()),
                        "password_sha256 must be the 64 hex digits of a SHA-256 hash (printf %s 'secret' | "
                                + "sha256sum), found " + v.trim().length() + " characters");
                return Optional.empty();
            });
            kind = Optional.of(BasicAuthSettings.HashKind.SHA256);
        } else {
            hash = block.text("password_bcrypt").flatMap(v -> {
                if (isUsable(BasicAuthSettings.HashKind.BCRYPT, v.trim())) {
                    return Optional.of(v.trim());
                }
                context.error(block.valueLocation("password_bcrypt").orElse(block.location()),
                        "password_bcrypt must be a bcrypt hash such as $2b$10$ followed by 53 characters "
                                + "(htpasswd -nbBC 10 '' 'secret' | cut -d: -f2)");
                return Optional.empty();
            });
            kind = Optional.of(BasicAuthSettings.HashKind.BCRYPT);
        }
        if (username.isEmpty() || hash.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new BasicAuthSettings(username.get(), kind.get(), hash.get()));
    }

    /** The endpoint's own rule for its hashes, so a hash it would refuse at start is an error here, with its line. */
    private static boolean isUsable(BasicAuthSettings.HashKind kind, String hash) {
        return MetricsEndpoint.validatePasswordHash(kind.endpointForm(hash)) == null;
    }

    private Optional<TlsSettings> tls(ConfigBlock block) {
        String type = block.choice("type", KEYSTORE_TYPES).orElse("PKCS12");
        Optional<Path> keystore = block.scalar("keystore").flatMap(this::keystorePath);
        if (!block.isSet("keystore")) {
            context.error(block.location(), "tls needs a keystore: keystore: server.p12 (a PKCS12 file with the "
                    + "endpoint's key and certificate)");
        }
        Optional<ConfigValue> password = block.scalar("password");
        if (!block.isSet("password")) {
            context.error(block.location(), "tls needs the keystore's password: password: ${TLS_KEYSTORE_PASSWORD}");
        }
        if (keystore.isEmpty() || password.isEmpty()) {
            return Optional.empty();
        }
        Location where = block.valueLocation("keystore").orElse(block.location());
        try (InputStream in = Files.newInputStream(keystore.get())) {
            KeyStore store = KeyStore.getInstance(type);
            store.load(in, password.get().text().toCharArray());
            if (!hasKey(store)) {
                context.error(where, "keystore " + keystore.get() + " holds no private key: the endpoint needs "
                        + "its key and certificate in it");
                return Optional.empty();
            }
        } catch (IOException | GeneralSecurityException e) {
            context.error(where, "keystore " + keystore.get() + " cannot be opened as " + type + " with the given "
                    + "password: " + e.getMessage());
            return Optional.empty();
        }
        return Optional.of(new TlsSettings(keystore.get(), password.get().text(), type));
    }

    /** A file setting is relative to the file's directory; an agent option to the working directory. */
    private Optional<Path> keystorePath(ConfigValue value) {
        Path path;
        try {
            Path given = Paths.get(value.text().trim());
            path = (value.fromFile() ? baseDir.resolve(given) : given.toAbsolutePath()).normalize();
        } catch (InvalidPathException e) {
            context.error(value.location(), "keystore '" + value.text() + "' is not a file path: " + e.getReason());
            return Optional.empty();
        }
        if (!Files.exists(path)) {
            context.error(value.location(), "keystore " + path + " does not exist"
                    + (value.fromFile() ? " (a relative path is relative to the directory of the file)" : ""));
            return Optional.empty();
        }
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            context.error(value.location(), "keystore " + path + " is not a readable file");
            return Optional.empty();
        }
        try {
            // The keystore parser allocates what the file's header declares: a wrong file is refused unread.
            if (Files.size(path) > MAX_KEYSTORE_BYTES) {
                context.error(value.location(), "keystore " + path + " is larger than 1 MB; a keystore with a key"
                        + " and its certificates takes a few kB: is it the right file?");
                return Optional.empty();
            }
        } catch (IOException e) {
            context.error(value.location(), "keystore " + path + " is not a readable file: " + e);
            return Optional.empty();
        }
        return Optional.of(path);
    }

    private static boolean hasKey(KeyStore store) throws GeneralSecurityException {
        for (String alias : java.util.Collections.list(store.aliases())) {
            if (store.isKeyEntry(alias)) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, String> keystoreTypes() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("pkcs12", "PKCS12");
        m.put("jks", "JKS");
        return java.util.Collections.unmodifiableMap(m);
    }
}
