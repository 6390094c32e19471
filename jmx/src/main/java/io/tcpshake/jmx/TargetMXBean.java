package io.tcpshake.jmx;

import java.util.Date;
import java.util.Map;

/**
 * One target as JMX shows it, registered as {@code io.tcpshake:type=Target,name="<name>"} (the name
 * quoted with {@link javax.management.ObjectName#quote}, so {@code host:port} and IPv6 names work). Open
 * types only; attributes read the latest snapshot and never wait on a check.
 *
 * <p>Before the first check, the {@code Last*} strings are empty, numbers 0 and times null.
 *
 * <p>The MBean emits a standard {@link javax.management.AttributeChangeNotification} for attribute
 * {@code State} on every state change (old and new value {@code UP}, {@code DOWN} or {@code UNKNOWN}).
 */
public interface TargetMXBean {
    String getName();

    /** What is checked, as configured: {@code db.internal:5432}, {@code [::1]:6379}. */
    String getAddress();

    /** {@code UP}, {@code DOWN} or {@code UNKNOWN} (no decision yet). */
    String getState();

    /** When the state last changed (when the target was added, while UNKNOWN). */
    Date getStateSince();

    /** Whole seconds since {@link #getStateSince()}: a number a console can plot. */
    long getSecondsInState();

    /** The check that decided the current state, e.g. {@code 127.0.0.1:5433 REFUSED 0.080ms ECONNREFUSED (...)}. */
    String getStateReason();

    /** Results in a row against the current state: progress toward rise or fall. */
    int getConsecutive();

    /** Outcome of the latest check: {@code UP}, {@code REFUSED}, {@code TIMEOUT}, ... */
    String getLastOutcome();

    /** The latest check's duration in milliseconds, whatever its outcome (a timeout counts its wait). */
    double getLastLatencyMillis();

    /** The latest check's Linux errno, 0 for UP. */
    int getLastErrno();

    /** The latest check's errno name: {@code OK}, {@code ECONNREFUSED}, {@code ETIMEDOUT}, ... */
    String getLastErrnoName();

    /** Why the latest check failed, in words ({@code Connection refused}); empty for UP. */
    String getLastErrnoText();

    /** The address the latest check went to: {@code 127.0.0.1:5432}. */
    String getLastAddress();

    Date getLastCheckTime();

    /** Checks made, all outcomes. */
    long getChecks();

    /** Checks that were not UP. */
    long getFailures();

    /** Checks per outcome (keys {@code UP}, {@code REFUSED}, {@code TIMEOUT}, ...; every outcome present). */
    Map<String, Long> getChecksByOutcome();

    /** How often the state changed (UNKNOWN to UP or DOWN counts). */
    long getStateChanges();

    /** Checks that got an answer (UP or REFUSED): the ones the latency figures below cover. */
    long getLatencyCount();

    /** Latest answered check's latency in milliseconds; 0 before the first. */
    double getLatencyLastMillis();

    double getLatencyMinMillis();

    double getLatencyMaxMillis();

    double getLatencyMeanMillis();

    long getIntervalMillis();

    /** Interval while the state is changing (HAProxy {@code fastinter}). */
    long getFastIntervalMillis();

    /** Interval while down (HAProxy {@code downinter}). */
    long getDownIntervalMillis();

    long getTimeoutMillis();

    /** Consecutive successes that turn the target up. */
    int getRise();

    /** Consecutive failures that turn the target down. */
    int getFall();

    /** {@code FIRST}, {@code ANY} or {@code ALL} of the name's addresses. */
    String getAddressPolicy();

    /**
     * For a target that checks every address of its name (policy ANY or ALL): each address
     * ({@code 127.0.0.1:5432}) with its own state; empty for policy FIRST.
     */
    Map<String, String> getAddressStates();

    /** The user's labels from the configuration. */
    Map<String, String> getLabels();

    /**
     * Whether the application cannot serve while this target is down ({@code critical: true} in targets.yaml):
     * Spring Boot's {@code tcpshake} health indicator is DOWN while a critical target is.
     */
    boolean isCritical();

    /** Checks this target now and waits for the result; see {@link MonitorMXBean#checkNow(String)}. */
    String checkNow();
}
