package io.tcpshake.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EnginesTest {
    @Test
    void fallbackReasonFollowsTheCauseChainToWhatToDo() {
        Throwable failure = new IllegalStateException("JNA cannot load: java.lang.ExceptionInInitializerError",
                new ExceptionInInitializerError(new IllegalCallerException("Illegal native access from: unnamed module")));

        assertEquals("JNA cannot load: java.lang.ExceptionInInitializerError: Illegal native access from: unnamed module",
                Engines.describe(failure));
    }

    @Test
    void fallbackReasonNeverRepeatsWhatACauseAlreadySaid() {
        Throwable failure = new IllegalStateException("JNA is not on the class path (com/sun/jna/NativeLibrary)",
                new NoClassDefFoundError("com.sun.jna.NativeLibrary"));

        assertEquals("JNA is not on the class path (com/sun/jna/NativeLibrary)", Engines.describe(failure));
    }

    @Test
    void fallbackReasonIsTheClassNameWhenNothingSaysMore() {
        assertEquals("UnsatisfiedLinkError", Engines.describe(new UnsatisfiedLinkError()));
    }
}
