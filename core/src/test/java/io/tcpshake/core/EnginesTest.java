package io.tcpshake.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EnginesTest {
    @Test
    void fallbackReasonFollowsTheCauseChainToWhatToDo() {
        Throwable failure = new ExceptionInInitializerError(
                new IllegalCallerException("Illegal native access from: unnamed module"));

        assertEquals("ExceptionInInitializerError: Illegal native access from: unnamed module",
                Engines.describe(failure));
    }

    @Test
    void fallbackReasonIsTheMessageWhenThereIsNoCause() {
        assertEquals("not Linux", Engines.describe(new UnsupportedOperationException("not Linux")));
    }
}
