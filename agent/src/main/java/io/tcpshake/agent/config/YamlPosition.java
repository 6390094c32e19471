package io.tcpshake.agent.config;

import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/** Turns snakeyaml's 0-based marks into 1-based {@link Location}s and describes nodes for messages. */
final class YamlPosition {
    private YamlPosition() {
    }

    static Location of(String source, Node node) {
        return node.getStartMark().map(m -> of(source, m)).orElse(Location.inFile(source, 1, 1));
    }

    static Location of(String source, Mark mark) {
        return Location.inFile(source, mark.getLine() + 1, mark.getColumn() + 1);
    }

    /** Whether {@code node} is YAML's "no value": an empty plain scalar, {@code ~} or {@code null}. */
    static boolean isNull(Node node) {
        if (!(node instanceof ScalarNode)) {
            return false;
        }
        ScalarNode scalar = (ScalarNode) node;
        String v = scalar.getValue();
        return scalar.isPlain() && (v.isEmpty() || v.equals("~") || v.equals("null") || v.equals("Null")
                || v.equals("NULL"));
    }

    /** {@code a list}, {@code a mapping}, {@code no value} or {@code the value 'x'}, for "found ..." texts. */
    static String describe(Node node) {
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (isNull(node)) {
            return "no value";
        }
        return "the value '" + ((ScalarNode) node).getValue() + "'";
    }
}
