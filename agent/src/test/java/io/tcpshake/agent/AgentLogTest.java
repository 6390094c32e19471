package io.tcpshake.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The agent's messages: held while the application's logging starts, then written in order. */
class AgentLogTest {
    private final List<String> written = new ArrayList<>();
    private final AgentLog.Sink sink = (logger, level, message, thrown) -> written.add(logger + " " + level + " "
            + message);

    @Test
    void heldMessagesAreWrittenInOrderWithTheirTimeOnRelease() {
        AgentLog log = AgentLog.holding(sink);
        log.info("tcpshake: monitoring 2 targets");
        log.log(AgentLog.STATE, Level.WARNING, "tcpshake: target db is DOWN", null);
        assertTrue(written.isEmpty(), written.toString());
        assertTrue(log.holding());

        log.release();
        log.info("tcpshake: reloaded");

        assertFalse(log.holding());
        assertEquals(3, written.size(), written.toString());
        assertTrue(written.get(0).matches("io\\.tcpshake\\.agent INFO tcpshake: monitoring 2 targets \\(at "
                + "\\d\\d:\\d\\d:\\d\\d\\.\\d{3}, held while the application started\\)"), written.get(0));
        assertTrue(written.get(1).startsWith("io.tcpshake.agent.state WARNING tcpshake: target db is DOWN (at "),
                written.get(1));
        assertEquals("io.tcpshake.agent INFO tcpshake: reloaded", written.get(2));
    }

    @Test
    void releaseIsIdempotentAndADirectLogNeverHolds() {
        AgentLog held = AgentLog.holding(sink);
        held.warning("once");
        held.release();
        held.release();
        AgentLog direct = AgentLog.direct(sink);
        direct.warning("at once");
        assertEquals(2, written.size(), written.toString());
        assertEquals("io.tcpshake.agent WARNING at once", written.get(1));
    }

    @Test
    void whatIsHeldIsBoundedAndWhatWasNotKeptIsCounted() {
        AgentLog log = AgentLog.holding(sink);
        for (int i = 0; i < AgentLog.MAX_HELD + 5; i++) {
            log.info("message " + i);
        }
        log.release();
        assertEquals(AgentLog.MAX_HELD + 1, written.size());
        assertEquals("io.tcpshake.agent WARNING tcpshake: 5 more messages of the start-up were not kept (at most "
                + AgentLog.MAX_HELD + " are held)", written.get(AgentLog.MAX_HELD));
    }
}
