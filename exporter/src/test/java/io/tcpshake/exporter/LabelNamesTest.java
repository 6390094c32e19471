package io.tcpshake.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tcpshake.core.monitor.Target;
import io.tcpshake.core.monitor.TargetSnapshot;
import io.tcpshake.core.monitor.TargetState;
import io.tcpshake.core.monitor.LatencySummary;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LabelNamesTest {
    @ParameterizedTest
    @ValueSource(strings = {"tier", "Tier", "_x", "team_2", "a"})
    void prometheusLabelNamesAreValid(String name) {
        assertNull(LabelNames.validate(name));
    }

    @Test
    void invalidNamesSayWhatIsWrongAndWhatToDo() {
        assertEquals("label name 'tier-1' is not a valid Prometheus label name: use letters, digits and '_',"
                + " not starting with a digit", LabelNames.validate("tier-1"));
        assertTrue(LabelNames.validate("1tier").contains("not starting with a digit"));
        assertTrue(LabelNames.validate("ünïcode").contains("not a valid Prometheus label name"));
        assertTrue(LabelNames.validate("").contains("empty"));
        assertTrue(LabelNames.validate(null).contains("empty"));
        assertTrue(LabelNames.validate("__name__").contains("reserves"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"target", "outcome", "le", "address"})
    void namesTheExporterSetsItselfClash(String name) {
        assertEquals("label name '" + name + "' clashes with the exporter's own '" + name + "' label: choose"
                + " another name, e.g. '" + name + "_name'", LabelNames.validate(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"instance", "job"})
    void namesPrometheusSetsAtScrapeTimeAreRefused(String name) {
        assertTrue(LabelNames.validate(name).contains("'exported_" + name + "'"), LabelNames.validate(name));
    }

    @Test
    void aLabelThatSlippedPastValidationIsLeftOutOfTheScrapeRatherThanBreakingIt() {
        Target target = Target.builder("127.0.0.1", 80).name("web").label("bad-name", "x").label("le", "y")
                .label("zone", "a").build();
        TargetSnapshot snapshot = new TargetSnapshot(target, TargetState.UNKNOWN, Snapshots.T0, null, null, null, 0,
                Map.of(), 0, LatencySummary.EMPTY, List.of());

        TargetLabels labels = TargetLabels.of(snapshot.target());

        assertEquals(List.of("target", "zone"), labels.names());
        assertEquals(List.of("web", "a"), labels.values());
        assertEquals(List.of("target", "zone", "outcome"), labels.namesWith("outcome"));
        assertEquals(List.of("web", "a", "up"), labels.valuesWith("up"));
    }
}
