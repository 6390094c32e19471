package io.tcpshake.jmx.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/** Each target's counters, one event per target every period (10 s unless the recording says otherwise). */
@Name(TargetStatisticsEvent.NAME)
@Label("TCP Target Statistics")
@Category("tcpshake")
@Description("Counters and latencies of one monitored target since the monitor started")
@StackTrace(false)
@Period("10 s")
final class TargetStatisticsEvent extends Event {
    static final String NAME = "io.tcpshake.TargetStatistics";

    @Label("Target")
    String target;

    @Label("Source")
    @Description("Where the target came from: file (written down) or discovered (found among the JVM's connections)")
    String source;

    @Label("Address")
    @Description("What is checked, as configured")
    String address;

    @Label("State")
    @Description("UNKNOWN, UP or DOWN")
    String state;

    @Label("Checks")
    @Description("Checks made, all outcomes")
    long checks;

    @Label("Failures")
    @Description("Checks that were not UP")
    long failures;

    @Label("Up")
    long up;

    @Label("Refused")
    long refused;

    @Label("Timeouts")
    long timeouts;

    @Label("Unreachable")
    long unreachable;

    @Label("Resolve Failures")
    long resolveFailures;

    @Label("Errors")
    @Description("Checks that could not be made")
    long errors;

    @Label("State Changes")
    long stateChanges;

    @Label("Mean Latency")
    @Description("Mean latency of the checks that got an answer (UP or REFUSED)")
    @Timespan(Timespan.NANOSECONDS)
    long latencyMean;

    @Label("Max Latency")
    @Description("Largest latency of the checks that got an answer")
    @Timespan(Timespan.NANOSECONDS)
    long latencyMax;
}
