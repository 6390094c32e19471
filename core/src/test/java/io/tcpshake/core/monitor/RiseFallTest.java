package io.tcpshake.core.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RiseFallTest {
    @Test
    void firstResultDecidesUnknown() {
        RiseFall up = new RiseFall();
        assertTrue(up.record(true, 2, 3));
        assertEquals(TargetState.UP, up.state());
        RiseFall down = new RiseFall();
        assertTrue(down.record(false, 2, 3));
        assertEquals(TargetState.DOWN, down.state());
    }

    @Test
    void fallFailuresInARowTurnUpIntoDown() {
        RiseFall health = up();
        assertFalse(health.record(false, 2, 3));
        assertFalse(health.record(false, 2, 3));
        assertEquals(2, health.consecutive());
        assertTrue(health.record(false, 2, 3));
        assertEquals(TargetState.DOWN, health.state());
        assertEquals(0, health.consecutive());
    }

    @Test
    void riseSuccessesInARowTurnDownIntoUp() {
        RiseFall health = new RiseFall();
        health.record(false, 2, 3);
        assertFalse(health.record(true, 2, 3));
        assertEquals(1, health.consecutive());
        assertTrue(health.record(true, 2, 3));
        assertEquals(TargetState.UP, health.state());
    }

    @Test
    void aResultThatAgreesWithTheStateResetsTheCounter() {
        RiseFall health = up();
        health.record(false, 2, 3);
        health.record(false, 2, 3);
        assertFalse(health.record(true, 2, 3));
        assertEquals(0, health.consecutive());
        assertFalse(health.record(false, 2, 3));
        assertFalse(health.record(false, 2, 3));
        assertEquals(TargetState.UP, health.state());
    }

    private static RiseFall up() {
        RiseFall health = new RiseFall();
        health.record(true, 2, 3);
        return health;
    }
}
