package io.tcpshake.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tcpshake.core.monitor.Target;
import io.tcpshake.core.monitor.TargetSnapshot;
import io.tcpshake.core.monitor.TargetState;
import io.tcpshake.core.monitor.LatencySummary;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LabelNamesTest {
    @ParameterizedTest
    @ValueSource(strings = {"tier", "Tier", "_x", "team_2", "a", "_private", "Zone_2"})
    void prometheusLabelNamesAreValid(String name) {
        assertEquals(Optional.empty(), LabelNames.problem(name));
        assertTrue(LabelNames.isValid(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "tier-1", "1st", "a.b", "caf\u00e9", "__name", "target", "outcome", "le",
            "instance", "job", "address"})
    void otherNamesAreRefused(String name) {
        assertTrue(LabelNames.problem(name).isPresent(), name);
        assertFalse(LabelNames.isValid(name));
    }

    @Test
    void invalidNamesSayWhatIsWrongAndWhatToDo() {
        assertEquals("label name 'tier-1' is not a Prometheus label name: use letters, digits and _, not starting "
                + "with a digit", LabelNames.problem("tier-1").orElseThrow());
        assertEquals("label name 'null' is not a Prometheus label name: use letters, digits and _, not starting "
                + "with a digit", LabelNames.problem(null).orElseThrow());
        assertEquals("label name '__x' starts with __, which Prometheus reserves for itself",
                LabelNames.problem("__x").orElseThrow());
        assertEquals("label name 'job' is used by tcpshake or Prometheus (target, source, outcome, address, le, "
                + "instance, job): choose another name", LabelNames.problem("job").orElseThrow());
    }

    @Test
    void aLabelThatSlippedPastValidationIsLeftOutOfTheScrapeRatherThanBreakingIt() {
        Target target = Target.builder("127.0.0.1", 80).name("web").label("bad-name", "x").label("le", "y")
                .label("zone", "a").build();
        TargetSnapshot snapshot = new TargetSnapshot(target, TargetState.UNKNOWN, Snapshots.T0, null, null, null, 0,
                Map.of(), 0, LatencySummary.EMPTY, List.of());

        TargetLabels labels = TargetLabels.of(snapshot.target());

        assertEquals(List.of("target", "source", "zone"), labels.names());
        assertEquals(List.of("web", "file", "a"), labels.values());
        assertEquals(List.of("target", "source", "zone", "outcome"), labels.namesWith("outcome"));
        assertEquals(List.of("web", "file", "a", "up"), labels.valuesWith("up"));
    }
}
