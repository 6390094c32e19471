package io.tcpshake.agent.config;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Reads targets.yaml into an {@link AgentConfig}. The YAML is only composed into nodes (snakeyaml-engine's
 * {@link Composer}), never constructed into objects, so no tag can instantiate a class; the nodes keep their
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
    /** Characters per document (the file limit: UTF-8 takes at least a byte per character). */
    static final int MAX_CHARACTERS = TargetsFile.MAX_BYTES;
    /**
     * YAML nodes per document: a target with a name, an address and two labels is 11 nodes, so this holds
     * 10,000 such targets (the monitor's default rate cap checks 10,000 every 10 s) and bounds the heap that
     * reading a file needs, a few hundred bytes per node however short it is.
     */
    static final int MAX_NODES = 120_000;
    /** The YAML reader's default read size, kept for files whose lines are all shorter. */
    private static final int MIN_READ_CHARACTERS = 1024;

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
        String text = decode(TargetsFile.read(file), source);
        return parse(text, source, file.toAbsolutePath().normalize().getParent(), overrides, environment);
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
        Problems problems = new Problems(source);
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
                .setBufferSize(readSize(text))
                .setUseMarks(true)
                .build();
        try {
            return new Composer(settings, new NodeCountingParser(
                    new ParserImpl(settings, new StreamReader(settings, text)), MAX_NODES)).getSingleNode();
        } catch (NodeCountingParser.TooManyNodes e) {
            problems.add(e.where().map(m -> YamlPosition.of(source, m)).orElse(Location.inFile(source, 1, 1)),
                    "more than " + MAX_NODES + " values, lists and mappings, the most a targets file may hold"
                            + " (about 10,000 targets): is it the right file?");
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

    /**
     * How many characters the YAML reader takes per read: at least the longest line. The reader
     * (snakeyaml-engine 2.10, and 3.2 alike) copies all it holds at each read, and holds a whole token (a
     * scalar's line) until it is scanned, so reads much shorter than a line make that line's cost quadratic:
     * with the default 1024, a 1 MiB value allocated 2 GB and an 8 MiB one would allocate 128 GB. Reads as
     * long as the longest line keep it linear.
     */
    static int readSize(String text) {
        int longest = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                longest = Math.max(longest, i - start);
                start = i + 1;
            }
        }
        longest = Math.max(longest, text.length() - start);
        return Math.max(MIN_READ_CHARACTERS, longest + 1);
    }

    /** Strict UTF-8, so a binary or Latin-1 file is an error at its first bad byte rather than mojibake. */
    private static String decode(byte[] bytes, String source) throws ConfigException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        // Checked through a small buffer, then decoded once: the file is held only as bytes and as the text.
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(8192);
        for (CoderResult result = decoder.decode(in, out, true); !result.isUnderflow();
                result = decoder.decode(in, out, true)) {
            if (result.isError()) {
                throw notUtf8(bytes, in.position(), source);
            }
            out.clear();
        }
        boolean byteOrderMark = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF;
        int skip = byteOrderMark ? 3 : 0;
        return new String(bytes, skip, bytes.length - skip, StandardCharsets.UTF_8);
    }

    /** The input buffer stops at the first byte that is not UTF-8. */
    private static ConfigException notUtf8(byte[] bytes, int at, String source) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < at; i++) {
            if (bytes[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new ConfigException(List.of(Location.inFile(source, line, at - lineStart + 1)
                + ": not UTF-8 text (a binary file, or another encoding): save it as UTF-8"));
    }
}
