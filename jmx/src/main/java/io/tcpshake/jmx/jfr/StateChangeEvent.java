package io.tcpshake.jmx.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/** A target went up or down (or got its first state). Rare, so on by default. */
@Name(StateChangeEvent.NAME)
@Label("TCP Target State Change")
@Category("tcpshake")
@Description("A monitored target changed state (UNKNOWN, UP, DOWN) after rise or fall checks in a row")
@StackTrace(false)
final class StateChangeEvent extends Event {
    static final String NAME = "io.tcpshake.StateChange";

    @Label("Target")
    @Description("The target's name")
    String target;

    @Label("Source")
    @Description("Where the target came from: file (written down) or discovered (found among the JVM's connections)")
    String source;

    @Label("From")
    @Description("The state before: UNKNOWN, UP or DOWN")
    String from;

    @Label("To")
    @Description("The state after: UP or DOWN")
    String to;

    @Label("Outcome")
    @Description("Outcome of the check that decided the change")
    String outcome;

    @Label("Errno")
    @Description("The Linux errno name of that check, OK for UP")
    String errno;

    @Label("Message")
    @Description("Why that check failed, in words; empty for UP")
    String message;

    @Label("Address")
    @Description("The address that check went to")
    String address;

    @Label("Latency")
    @Description("Duration of the check that decided the change")
    @Timespan(Timespan.NANOSECONDS)
    long latency;
}
