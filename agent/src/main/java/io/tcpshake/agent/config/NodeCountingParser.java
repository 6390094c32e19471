package io.tcpshake.agent.config;

import java.util.Optional;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.parser.Parser;

/**
 * The YAML parser's events, with the nodes they make counted: past {@code maxNodes} (values, lists, mappings
 * and aliases) it stops with {@link TooManyNodes}. Every node costs a few hundred bytes of heap however short
 * it is, so the file's size alone does not bound the memory: 8 MB of {@code [a,a,a,...]} is four million
 * nodes.
 */
final class NodeCountingParser implements Parser {
    private final Parser parser;
    private final int maxNodes;
    private int nodes;

    NodeCountingParser(Parser parser, int maxNodes) {
        this.parser = parser;
        this.maxNodes = maxNodes;
    }

    @Override
    public boolean checkEvent(Event.ID choice) {
        return parser.checkEvent(choice);
    }

    @Override
    public Event peekEvent() {
        return parser.peekEvent();
    }

    @Override
    public boolean hasNext() {
        return parser.hasNext();
    }

    @Override
    public Event next() {
        Event event = parser.next();
        if (makesNode(event.getEventId()) && ++nodes > maxNodes) {
            throw new TooManyNodes(event.getStartMark());
        }
        return event;
    }

    private static boolean makesNode(Event.ID id) {
        return id == Event.ID.Scalar || id == Event.ID.SequenceStart || id == Event.ID.MappingStart
                || id == Event.ID.Alias;
    }

    /** The document has more nodes than allowed; {@link #where()} is the first one past the limit. */
    static final class TooManyNodes extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Optional<Mark> where;

        TooManyNodes(Optional<Mark> where) {
            super(null, null, false, false);
            this.where = where;
        }

        Optional<Mark> where() {
            return where;
        }
    }
}
