package io.tcpshake.agent.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads targets.yaml into an {@link AgentConfig}. The YAML is only composed into nodes (snakeyaml-engine's
 * {@link Compose}), never constructed into objects, so no tag can instantiate a class; the nodes keep their
 * line and column, which every error message starts with. All errors of a file are collected and thrown
 * together in one {@link ConfigException}.
 *
 * <p>{@code overrides} are agent options such as {@code port=9465} or {@code defaults.interval=5s} (see
 * {@link AgentOptions}); they win over the file. {@code environment} supplies {@code ${NAME}} and
 * {@code ${NAME:-default}} in values: the agent passes {@code System.getenv()}, tests pass their own map.
 */
public final class ConfigLoader {
    /** Aliases to lists or mappings allowed per document: plenty for sharing a block, far too few for a bomb. */
    static final int MAX_COLLECTION_ALIASES = 50;
    /** Characters per file; 10,000 targets take well under 1 MB. */
    static final int MAX_CHARACTERS = 8 * 1024 * 1024;

    private ConfigLoader() {
    }

    /**
     * Reads and checks {@code file}; error messages name it as given ({@code targets.yaml:12:5: ...}).
     *
     * @throws ConfigException with every error found, or why the file cannot be read (with its absolute path)
     */
    public static AgentConfig load(Path file, Map<String, String> overrides, Map<String, String> environment)
            throws ConfigException {
        String source = file.toString();
        Path absolute = file.toAbsolutePath().normalize();
        if (!Files.exists(absolute)) {
            throw new ConfigException(List.of(source + ": file not found: " + absolute));
        }
        if (Files.isDirectory(absolute)) {
            throw new ConfigException(List.of(source + ": is a directory, not a file: " + absolute));
        }
        byte[] bytes;
        try {
            if (Files.size(absolute) > MAX_CHARACTERS) {
                throw new ConfigException(List.of(source + ": file is larger than " + MAX_CHARACTERS / (1024 * 1024)
                        + " MB: " + absolute));
            }
            bytes = Files.readAllBytes(absolute);
        } catch (IOException e) {
            throw new ConfigException(List.of(source + ": cannot read " + absolute + ": " + e));
        }
        return parse(decode(bytes, source), source, absolute.getParent(), overrides, environment);
    }

    /**
     * Reads and checks {@code text}, naming it {@code sourceName} in errors; relative paths in it (the TLS
     * keystore) are relative to {@code sourceName}'s directory.
     *
     * @throws ConfigException with every error found
     */
    public static AgentConfig parse(String text, String sourceName, Map<String, String> overrides,
            Map<String, String> environment) throws ConfigException {
        Path baseDir;
        try {
            baseDir = Paths.get(sourceName).toAbsolutePath().normalize().getParent();
        } catch (InvalidPathException e) {
            baseDir = Paths.get("").toAbsolutePath();
        }
        return parse(text, sourceName, baseDir, overrides, environment);
    }

    private static AgentConfig parse(String text, String source, Path baseDir, Map<String, String> overrides,
            Map<String, String> environment) throws ConfigException {
        Problems problems = new Problems();
        ReadContext context = new ReadContext(source, problems, Map.copyOf(environment),
                AgentOptions.resolve(overrides, problems));
        Optional<Node> document = compose(text, source, problems);
        if (document == null) {
            problems.throwIfAny();
        }
        Optional<AgentConfig> config = new ConfigReader(context, baseDir).read(document);
        problems.throwIfAny();
        return config.orElseThrow(() -> new IllegalStateException("no configuration and no error for " + source));
    }

    /** The document's root node (empty for an empty file), or null after reporting why it is not YAML. */
    private static Optional<Node> compose(String text, String source, Problems problems) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(source)
                .setMaxAliasesForCollections(MAX_COLLECTION_ALIASES)
                .setAllowRecursiveKeys(false)
                .setCodePointLimit(MAX_CHARACTERS)
                .setUseMarks(true)
                .build();
        try {
            return new Compose(settings).composeString(text);
        } catch (MarkedYamlEngineException e) {
            Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
            Location where = mark.map(m -> YamlPosition.of(source, m)).orElse(Location.inFile(source, 1, 1));
            String context = e.getContext() == null || e.getContext().isEmpty() ? ""
                    : " (" + e.getContext() + e.getContextMark()
                            .map(m -> " at " + YamlPosition.of(source, m).lineColumn()).orElse("") + ")";
            problems.add(where, "not valid YAML: " + e.getProblem() + context);
        } catch (YamlEngineException e) {
            problems.add(Location.inFile(source, 1, 1), "not usable YAML: " + e.getMessage());
        } catch (StackOverflowError e) {
            // The parser recurses per nesting level; a config file never nests more than four deep.
            problems.add(Location.inFile(source, 1, 1), "not usable YAML: lists or mappings nest too deep");
        }
        return null;
    }

    /** Strict UTF-8, so a binary or Latin-1 file is an error at its first bad byte rather than mojibake. */
    private static String decode(byte[] bytes, String source) throws ConfigException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            // The input buffer stops at the first byte that is not UTF-8.
            int at = in.position();
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < at; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            throw new ConfigException(List.of(Location.inFile(source, line, at - lineStart + 1)
                    + ": not UTF-8 text (a binary file, or another encoding): save it as UTF-8"));
        }
        decoder.flush(out);
        String text = out.flip().toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
