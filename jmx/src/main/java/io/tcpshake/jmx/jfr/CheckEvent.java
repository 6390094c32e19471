package io.tcpshake.jmx.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * One half-open check. Off unless enabled: a busy monitor makes many of them (see {@link JfrOutput} for
 * how to turn it on). Committed when the monitor reports the result, so the event's own time is when the
 * check ended (plus the hand-over to the listener thread); {@link #latency} is how long the check took.
 */
@Name(CheckEvent.NAME)
@Label("TCP Check")
@Category("tcpshake")
@Description("One half-open TCP check (SYN, SYN-ACK, RST) of a monitored target and its outcome")
@StackTrace(false)
@Enabled(false)
final class CheckEvent extends Event {
    static final String NAME = "io.tcpshake.Check";

    @Label("Target")
    @Description("The target's name")
    String target;

    @Label("Source")
    @Description("Where the target came from: file (written down) or discovered (found among the JVM's connections)")
    String source;

    @Label("Address")
    @Description("The address checked, e.g. 127.0.0.1:5432")
    String address;

    @Label("Outcome")
    @Description("UP, REFUSED, TIMEOUT, UNREACHABLE, RESOLVE_FAILED or ERROR")
    String outcome;

    @Label("Errno")
    @Description("The Linux errno name the check ended with, OK for UP")
    String errno;

    @Label("Message")
    @Description("Why the check failed, in words; empty for UP")
    String message;

    @Label("Latency")
    @Description("How long the check took, from its start to its result")
    @Timespan(Timespan.NANOSECONDS)
    long latency;
}
