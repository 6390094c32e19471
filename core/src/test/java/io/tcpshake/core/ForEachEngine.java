package io.tcpshake.core;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Runs a test once per engine, epoll, NIO and raw: the engines keep the same contract. A test receives the
 * {@link EngineChoice} and starts its checker with {@link EngineUnderTest}, which skips the epoll run (with
 * the reason) where that engine cannot load, and the raw run where it cannot run (no CAP_NET_RAW).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "{0}")
@EnumSource(value = EngineChoice.class, names = {"EPOLL", "NIO", "RAW"})
@interface ForEachEngine {
}
