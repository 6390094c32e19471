package io.tcpshake.agent.config;

import io.tcpshake.core.InputText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * One mapping of targets.yaml (the top level, {@code exporter}, a target, ...) read against its
 * {@link BlockSchema}: unknown and duplicate keys are reported when it is built, and each typed getter reports
 * what is wrong with its value and returns empty, so reading goes on and every error is found in one pass.
 * Agent options override the file's values for blocks that have a {@code path}; YAML merge keys
 * ({@code <<: *anchor}) supply values the mapping does not set itself.
 */
final class ConfigBlock {
    /** Tags the resolver gives plain values; ENV_TAG marks a value that looks like ${NAME}, substituted here. */
    private static final Set<Tag> SCALAR_TAGS = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.ENV_TAG);
    /**
     * Characters per value, after environment variables are substituted: far more than any address, name,
     * label, path or password needs, and it keeps a mistaken value out of every metric line and message.
     */
    static final int MAX_VALUE_CHARACTERS = 4096;
    /** Merge chains deeper than this are refused; real files use one or two levels. */
    private static final int MAX_MERGE_DEPTH = 8;

    private final ReadContext context;
    private final String path;
    private final Location location;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

    private ConfigBlock(ReadContext context, String path, Location location, MappingNode node, BlockSchema schema) {
        this.context = context;
        this.path = path;
        this.location = location;
        if (node != null) {
            collect(node, schema, 0, new LinkedHashMap<>());
        }
    }

    /** The block {@code node}, which must be a mapping; {@code path} is null where agent options cannot reach. */
    static Optional<ConfigBlock> of(ReadContext context, String path, String what, Node node, BlockSchema schema) {
        if (YamlPosition.isNull(node)) {
            return Optional.of(new ConfigBlock(context, path, context.locate(node), null, schema));
        }
        if (!(node instanceof MappingNode)) {
            context.error(context.locate(node), what + " must be a mapping of key: value, found "
                    + YamlPosition.describe(node));
            return Optional.empty();
        }
        if (!node.getTag().equals(Tag.MAP)) {
            context.error(context.locate(node), unsupportedTag(node));
            return Optional.empty();
        }
        return Optional.of(new ConfigBlock(context, path, context.locate(node), (MappingNode) node, schema));
    }

    /** A block that is absent from the file, so only agent options can set its keys. */
    static ConfigBlock absent(ReadContext context, String path, Location where) {
        return new ConfigBlock(context, path, where, null, null);
    }

    Location location() {
        return location;
    }

    /** The keys the file sets here, in file order (merged ones after). */
    Set<String> keys() {
        return entries.keySet();
    }

    /** Whether the file sets {@code key} here (merged values included); agent options do not count. */
    boolean hasInFile(String key) {
        return entries.containsKey(key);
    }

    /** Whether an agent option or the file sets {@code key} here. */
    boolean isSet(String key) {
        return overrideOf(key) != null || entries.containsKey(key);
    }

    /** Where the value of {@code key} was written (agent option first), without checking it. */
    Optional<Location> valueLocation(String key) {
        ConfigValue override = overrideOf(key);
        if (override != null) {
            return Optional.of(override.location());
        }
        return Optional.ofNullable(entries.get(key)).map(t -> context.locate(t.getValueNode()));
    }

    /** The file's value node for {@code key}, for lists and free-form mappings such as labels. */
    Optional<Node> node(String key) {
        return Optional.ofNullable(entries.get(key)).map(NodeTuple::getValueNode);
    }

    /** Where {@code key} was written (its key), or the block's own location. */
    Location keyLocation(String key) {
        NodeTuple tuple = entries.get(key);
        return tuple == null ? location : context.locate(tuple.getKeyNode());
    }

    /**
     * The nested block under {@code key}: empty when neither the file nor an agent option sets it, or when the
     * file has something else than a mapping there (reported).
     */
    Optional<ConfigBlock> block(String key, BlockSchema schema) {
        String childPath = path == null ? null : qualified(key);
        NodeTuple tuple = entries.get(key);
        if (tuple == null) {
            return childPath != null && context.overridesInside(childPath)
                    ? Optional.of(absent(context, childPath, location))
                    : Optional.empty();
        }
        return of(context, childPath, "'" + key + "'", tuple.getValueNode(), schema);
    }

    /** The scalar under {@code key}, agent option first, with environment variables substituted. */
    Optional<ConfigValue> scalar(String key) {
        ConfigValue override = overrideOf(key);
        if (override != null) {
            if (override.text().isEmpty()) {
                context.error(override.location(), override.key() + " has no value");
                return Optional.empty();
            }
            return Optional.of(override);
        }
        NodeTuple tuple = entries.get(key);
        if (tuple == null) {
            return Optional.empty();
        }
        if (YamlPosition.isNull(tuple.getValueNode())) {
            context.error(context.locate(tuple.getKeyNode()), key + " has no value");
            return Optional.empty();
        }
        return scalarOf(context, key, tuple.getValueNode());
    }

    /**
     * {@code node} as a scalar setting named {@code key}: reports a list or mapping, an explicit tag, and
     * unset environment variables; substitutes the rest.
     */
    static Optional<ConfigValue> scalarOf(ReadContext context, String key, Node node) {
        Location where = context.locate(node);
        if (!(node instanceof ScalarNode)) {
            context.error(where, key + " must be a single value, found " + YamlPosition.describe(node));
            return Optional.empty();
        }
        if (!SCALAR_TAGS.contains(node.getTag())) {
            context.error(where, unsupportedTag(node));
            return Optional.empty();
        }
        String written = ((ScalarNode) node).getValue();
        if (written.length() > MAX_VALUE_CHARACTERS) {
            context.error(where, key + " is " + written.length() + " characters long: a value may have at most "
                    + MAX_VALUE_CHARACTERS);
            return Optional.empty();
        }
        try {
            String value = EnvSubstitution.apply(written, context.environment(), MAX_VALUE_CHARACTERS);
            if (!context.expandedBy(value.length() - written.length())) {
                context.error(where, key + ": environment variables make the file's values longer than "
                        + ConfigLoader.MAX_CHARACTERS + " characters in all: substitute shorter values");
                return Optional.empty();
            }
            return Optional.of(new ConfigValue(key, value, where, true));
        } catch (IllegalArgumentException e) {
            context.error(where, e.getMessage());
            return Optional.empty();
        }
    }

    Optional<String> text(String key) {
        return scalar(key).flatMap(v -> {
            if (v.text().trim().isEmpty()) {
                context.error(v.location(), v.key() + " is empty");
                return Optional.empty();
            }
            return Optional.of(v.text());
        });
    }

    Optional<Boolean> bool(String key) {
        return scalar(key).flatMap(v -> {
            String t = v.text().trim().toLowerCase(Locale.ROOT);
            if (t.equals("true") || t.equals("false")) {
                return Optional.of(t.equals("true"));
            }
            context.error(v.location(), v.key() + " " + InputText.quote(v.text()) + " is not true or false");
            return Optional.empty();
        });
    }

    /** A whole number in {@code min..max}; {@code range} explains the range in the error. */
    Optional<Integer> integer(String key, int min, int max, String range) {
        return scalar(key).flatMap(v -> {
            String t = v.text().trim();
            if (!t.matches("-?[0-9]{1,9}")) {
                context.error(v.location(), v.key() + " " + InputText.quote(v.text()) + " is not a whole number: "
                        + "expected " + range);
                return Optional.empty();
            }
            int n = Integer.parseInt(t);
            if (t.matches("-?0[0-9]+")) {
                // YAML 1.1 (and many tools) read 080 as octal: refused rather than guessed at.
                context.error(v.location(), v.key() + " '" + t + "' has a leading zero, which some tools read as "
                        + "octal: write " + n);
                return Optional.empty();
            }
            if (n < min || n > max) {
                context.error(v.location(), v.key() + " " + n + " is out of range: expected " + range);
                return Optional.empty();
            }
            return Optional.of(n);
        });
    }

    /** A duration ({@link ConfigDuration}); zero only when {@code zeroAllowed}. */
    Optional<Duration> duration(String key, boolean zeroAllowed) {
        return scalar(key).flatMap(v -> {
            Duration d;
            try {
                d = ConfigDuration.parse(v.text());
            } catch (IllegalArgumentException e) {
                context.error(v.location(), v.key() + " " + e.getMessage());
                return Optional.empty();
            }
            if (d.isZero() && !zeroAllowed) {
                context.error(v.location(), v.key() + " must be more than 0, e.g. 10s");
                return Optional.empty();
            }
            return Optional.of(d);
        });
    }

    /** One of {@code choices} (keys in lower case, in documentation order). */
    <E> Optional<E> choice(String key, Map<String, E> choices) {
        return choice(key, choices, Map.of());
    }

    /** One of {@code choices}, or of {@code aliases}: other spellings accepted but not advertised. */
    <E> Optional<E> choice(String key, Map<String, E> choices, Map<String, E> aliases) {
        return scalar(key).flatMap(v -> {
            String typed = v.text().trim().toLowerCase(Locale.ROOT);
            E e = choices.containsKey(typed) ? choices.get(typed) : aliases.get(typed);
            if (e != null) {
                return Optional.of(e);
            }
            String expected = String.join(", ", choices.keySet());
            context.error(v.location(), KeySuggestion.closest(v.text().trim(), choices.keySet())
                    .map(s -> v.key() + " " + InputText.quote(v.text()) + " is not one of " + expected
                            + " (did you mean '" + s + "'?)")
                    .orElse(v.key() + " " + InputText.quote(v.text()) + " is not one of " + expected));
            return Optional.empty();
        });
    }

    /** The list under {@code key}; reports anything else. Empty when the key is absent. */
    Optional<List<Node>> list(String key) {
        NodeTuple tuple = entries.get(key);
        if (tuple == null) {
            return Optional.empty();
        }
        Node value = tuple.getValueNode();
        if (YamlPosition.isNull(value)) {
            return Optional.of(List.of());
        }
        if (!(value instanceof SequenceNode)) {
            context.error(context.locate(value), "'" + key + "' must be a list (lines starting with '- '), found "
                    + YamlPosition.describe(value));
            return Optional.empty();
        }
        if (!value.getTag().equals(Tag.SEQ)) {
            context.error(context.locate(value), unsupportedTag(value));
            return Optional.empty();
        }
        return Optional.of(new ArrayList<>(((SequenceNode) value).getValue()));
    }

    private void collect(MappingNode node, BlockSchema schema, int depth, Map<String, NodeTuple> seenHere) {
        List<Node> merged = new ArrayList<>();
        for (NodeTuple tuple : node.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode)) {
                context.error(context.locate(keyNode), "a key must be a plain name, found " + YamlPosition.describe(keyNode));
                continue;
            }
            String key = ((ScalarNode) keyNode).getValue();
            if (key.equals("<<") && ((ScalarNode) keyNode).isPlain()) {
                merged.add(tuple.getValueNode());
                continue;
            }
            NodeTuple first = seenHere.get(key);
            if (first != null) {
                context.error(context.locate(keyNode), "duplicate key '" + key + "' (first at "
                        + context.locate(first.getKeyNode()).lineColumn() + ")");
                continue;
            }
            seenHere.put(key, tuple);
            if (schema != null && schema.isExtension(key)) {
                continue;
            }
            if (schema != null && !schema.keys().contains(key)) {
                context.error(context.locate(keyNode), schema.unknownKey(key));
                continue;
            }
            entries.putIfAbsent(key, tuple);
        }
        for (Node source : merged) {
            mergeFrom(source, schema, depth);
        }
    }

    private void mergeFrom(Node source, BlockSchema schema, int depth) {
        if (depth >= MAX_MERGE_DEPTH) {
            context.error(context.locate(source), "merge keys (<<) nest deeper than " + MAX_MERGE_DEPTH + " levels");
            return;
        }
        if (source instanceof MappingNode) {
            // Each merged mapping checks its own duplicates; values this block already has win.
            collect((MappingNode) source, schema, depth + 1, new LinkedHashMap<>());
        } else if (source instanceof SequenceNode) {
            for (Node item : ((SequenceNode) source).getValue()) {
                mergeFrom(item, schema, depth);
            }
        } else {
            context.error(context.locate(source), "<< merges a mapping (<<: *anchor), found "
                    + YamlPosition.describe(source));
        }
    }

    private ConfigValue overrideOf(String key) {
        return path == null ? null : context.override(qualified(key));
    }

    private String qualified(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static String unsupportedTag(Node node) {
        return "tag " + node.getTag().getValue().replace(Tag.PREFIX, "!!")
                + " is not supported: tcpshake reads plain values, lists and mappings only";
    }
}
