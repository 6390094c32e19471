package io.tcpshake.core.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The settings a target and targets.yaml's defaults share: a target's own values laid over the defaults. */
class TargetSettingsTest {
    /** The text forms targets.yaml and the Spring Boot starter share. */
    @Test
    void jitterAndIpAreReadFromTheTextUsersWrite() {
        assertEquals(0.1, TargetSettings.parseJitter("10%"));
        assertEquals(0.25, TargetSettings.parseJitter(" 0.25 "));
        assertEquals("jitter '1e-1' is not a percentage: expected e.g. 10% (or the fraction 0.1)",
                assertThrows(IllegalArgumentException.class, () -> TargetSettings.parseJitter("1e-1")).getMessage());
        assertEquals("jitter '60%' is out of range: expected 0% to 50%",
                assertThrows(IllegalArgumentException.class, () -> TargetSettings.parseJitter("60%")).getMessage());
        assertEquals(IpPreference.IPV6, IpPreference.parse("IPv6"));
        assertEquals(IpPreference.IPV4, IpPreference.parse("v4"));
        assertEquals("ip 'v5' is not one of system, v4, v6",
                assertThrows(IllegalArgumentException.class, () -> IpPreference.parse("v5")).getMessage());
    }

    @Test
    void aTargetsOwnIntervalAlsoMovesTheFastAndDownIntervalsTheDefaultsLeftUnset() {
        TargetSettings defaults = TargetSettings.builder().interval(Duration.ofSeconds(5))
                .downInterval(Duration.ofMinutes(1)).build();

        TargetSettings own = defaults.toBuilder().interval(Duration.ofSeconds(20)).build();

        assertEquals(Duration.ofSeconds(20), own.fastInterval(), "unset: follows the target's interval");
        assertEquals(Duration.ofMinutes(1), own.downInterval(), "set in the defaults: kept");
    }

    @Test
    void labelsLaidOverTheDefaultsKeepTheDefaultsOrderAndTheOwnValueWins() {
        TargetSettings defaults = TargetSettings.builder().label("env", "prod").label("team", "core").build();

        TargetSettings own = defaults.toBuilder().labels(Map.of("team", "data")).label("tier", "db").build();

        assertEquals(List.of("env", "team", "tier"), List.copyOf(own.labels().keySet()));
        assertEquals("data", own.labels().get("team"));
    }

    @Test
    void asDefaultsAFastIntervalSetToTheIntervalDiffersFromUnsetButATargetWithEitherChecksTheSame() {
        TargetSettings unset = TargetSettings.builder().interval(Duration.ofSeconds(5)).build();
        TargetSettings set = unset.toBuilder().fastInterval(Duration.ofSeconds(5)).build();

        assertNotEquals(unset, set);
        assertEquals(Target.builder("127.0.0.1:80").settings(unset).build(),
                Target.builder("127.0.0.1:80").settings(set).build());
    }

    @Test
    void theDefaultsAreKubernetesAndHaproxys() {
        TargetSettings d = TargetSettings.DEFAULTS;
        assertEquals(List.of(Duration.ofSeconds(10), Duration.ofSeconds(1), 2, 3, 0.10),
                List.of(d.interval(), d.timeout(), d.rise(), d.fall(), d.jitter()));
        assertEquals(d, Target.builder("127.0.0.1:80").build().settings());
    }
}
