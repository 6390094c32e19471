package io.tcpshake.core.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RiseFallTest {
    @Test
    void firstResultDecidesUnknown() {
        assertEquals(TargetState.UNKNOWN, RiseFall.state(RiseFall.UNKNOWN));
        assertEquals(TargetState.UP, RiseFall.state(record(RiseFall.UNKNOWN, true)));
        assertEquals(TargetState.DOWN, RiseFall.state(record(RiseFall.UNKNOWN, false)));
    }

    @Test
    void fallFailuresInARowTurnUpIntoDown() {
        int health = record(up(), false);
        health = record(health, false);
        assertEquals(TargetState.UP, RiseFall.state(health));
        assertEquals(2, RiseFall.consecutive(health));
        health = record(health, false);
        assertEquals(TargetState.DOWN, RiseFall.state(health));
        assertEquals(0, RiseFall.consecutive(health));
    }

    @Test
    void riseSuccessesInARowTurnDownIntoUp() {
        int health = record(record(RiseFall.UNKNOWN, false), true);
        assertEquals(TargetState.DOWN, RiseFall.state(health));
        assertEquals(1, RiseFall.consecutive(health));
        health = record(health, true);
        assertEquals(TargetState.UP, RiseFall.state(health));
    }

    @Test
    void aResultThatAgreesWithTheStateResetsTheCounter() {
        int health = record(record(up(), false), false);
        health = record(health, true);
        assertEquals(TargetState.UP, RiseFall.state(health));
        assertEquals(0, RiseFall.consecutive(health));
        health = record(record(health, false), false);
        assertEquals(TargetState.UP, RiseFall.state(health));
    }

    private static int record(int health, boolean up) {
        return RiseFall.record(health, up, 2, 3);
    }

    private static int up() {
        return record(RiseFall.UNKNOWN, true);
    }
}
