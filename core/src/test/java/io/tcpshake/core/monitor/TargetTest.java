package io.tcpshake.core.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TargetTest {
    @Test
    void ipv6TargetIsNamedAsWrittenNotExpanded() {
        Target target = Target.builder("[::1]:6379").build();

        assertEquals("[::1]:6379", target.name());
        assertEquals("::1", target.endpoint().host());
        assertEquals("[::1]:6379", target.endpoint().toString());
    }

    @Test
    void hostGivenApartFromThePortFollowsTheAddressRules() {
        IllegalArgumentException spaced = assertThrows(IllegalArgumentException.class,
                () -> Target.builder(" db.internal", 5432));
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                () -> Target.builder("a".repeat(64) + ".internal", 5432));

        assertEquals("invalid host ' db.internal': character 1 is a space: an address has no spaces or control "
                + "characters; remove it (look for a stray quote or a variable that adds one)", spaced.getMessage());
        assertTrue(tooLong.getMessage().contains("at most 63 between dots"), tooLong.getMessage());
        assertEquals("fe80::1%2", Target.builder("[fe80::1%2]", 22).build().endpoint().host());
    }

    @Test
    void durationsLongerThanADayAreRefusedNamingTheSetting() {
        Target.Builder builder = Target.builder("127.0.0.1:7000");
        Duration tooLong = Duration.ofDays(200_000);

        assertEquals("interval PT4800000H is longer than PT24H, the longest a target takes",
                assertThrows(IllegalArgumentException.class, () -> builder.interval(tooLong)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> builder.timeout(Duration.ofHours(25)));
        assertThrows(IllegalArgumentException.class, () -> builder.downInterval(tooLong));
        assertThrows(IllegalArgumentException.class, () -> builder.initialDelay(tooLong));
        assertEquals(Duration.ofDays(1), builder.interval(Duration.ofDays(1)).build().interval());
    }

    @Test
    void unsetFastAndDownIntervalsFollowTheIntervalAlsoThroughToBuilder() {
        Target target = Target.builder("127.0.0.1:7000").interval(Duration.ofSeconds(10)).build();
        Target slower = target.toBuilder().interval(Duration.ofSeconds(30)).build();
        assertEquals(Duration.ofSeconds(30), slower.fastInterval());
        assertEquals(Duration.ofSeconds(30), slower.downInterval());
        assertEquals(target, target.toBuilder().build());
    }

    @Test
    void givenFastAndDownIntervalsSurviveToBuilder() {
        Target target = Target.builder("127.0.0.1:7000").fastInterval(Duration.ofSeconds(1))
                .downInterval(Duration.ofSeconds(5)).build();
        Target slower = target.toBuilder().interval(Duration.ofSeconds(30)).build();
        assertEquals(Duration.ofSeconds(1), slower.fastInterval());
        assertEquals(Duration.ofSeconds(5), slower.downInterval());
    }

    @Test
    void sameEndpointIgnoresTimingButNotPortOrPolicy() {
        Target target = Target.builder("127.0.0.1:7000").build();
        assertTrue(target.sameEndpoint(target.toBuilder().interval(Duration.ofSeconds(1)).rise(5).build()));
        assertFalse(target.sameEndpoint(Target.builder("127.0.0.1:7001").build()));
        assertFalse(target.sameEndpoint(target.toBuilder().addressPolicy(AddressPolicy.ALL).build()));
    }

    @Test
    void criticalIsKeptByToBuilderAndMakesAnotherTargetOfTheSameEndpoint() {
        Target target = Target.builder("127.0.0.1:7000").build();
        Target critical = target.toBuilder().critical(true).build();
        assertFalse(target.critical());
        assertTrue(critical.critical());
        assertTrue(critical.toBuilder().build().critical());
        assertNotEquals(target, critical, "a reload that marks a target critical changes it");
        assertTrue(target.sameEndpoint(critical), "its state and counters are kept");
    }
}
