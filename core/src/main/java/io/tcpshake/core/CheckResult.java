package io.tcpshake.core;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * The result of one half-open check: what happened ({@link Outcome}), to which address, how long it
 * took, and for failures the errno and its text. Immutable.
 */
public final class CheckResult {
    private final Outcome outcome;
    private final InetSocketAddress address;
    private final int errno;
    private final String message;
    private final long latencyNanos;

    private CheckResult(Outcome outcome, InetSocketAddress address, int errno, String message, long latencyNanos) {
        this.outcome = Objects.requireNonNull(outcome, "outcome");
        this.address = Objects.requireNonNull(address, "address");
        this.errno = errno;
        this.message = Objects.requireNonNull(message, "message");
        this.latencyNanos = latencyNanos;
    }

    /** The target answered SYN-ACK after {@code latencyNanos}. */
    public static CheckResult up(InetSocketAddress address, long latencyNanos) {
        return new CheckResult(Outcome.UP, address, 0, "", latencyNanos);
    }

    /** The connect failed with {@code errno}; the outcome follows from it ({@link Errno#outcomeOf}). */
    public static CheckResult connectFailed(InetSocketAddress address, int errno, long latencyNanos) {
        return new CheckResult(Errno.outcomeOf(errno), address, errno, Errno.describe(errno), latencyNanos);
    }

    /**
     * No answer within {@code timeoutNanos}, the check's timeout; {@code latencyNanos} is the time waited,
     * a little more. The message names the timeout, so results of one target read (and group) alike.
     */
    public static CheckResult timeout(InetSocketAddress address, long timeoutNanos, long latencyNanos) {
        return new CheckResult(Outcome.TIMEOUT, address, Errno.ETIMEDOUT,
                "no SYN-ACK within " + Duration.ofNanos(timeoutNanos).toMillis() + " ms", latencyNanos);
    }

    /** {@code address} (unresolved) could not be resolved: {@code message} says why. */
    public static CheckResult resolveFailed(InetSocketAddress address, String message, long latencyNanos) {
        return new CheckResult(Outcome.RESOLVE_FAILED, address, 0, message, latencyNanos);
    }

    /** The check could not be made; {@code errno} is 0 when no system call failed. */
    public static CheckResult error(InetSocketAddress address, int errno, String message, long latencyNanos) {
        return new CheckResult(Outcome.ERROR, address, errno, message, latencyNanos);
    }

    public Outcome outcome() {
        return outcome;
    }

    /** Whether the target was up. */
    public boolean isUp() {
        return outcome == Outcome.UP;
    }

    /**
     * The address checked. Resolved for every outcome but {@link Outcome#RESOLVE_FAILED}, where it is the
     * unresolved host name and port.
     */
    public InetSocketAddress address() {
        return address;
    }

    /** IPv4 or IPv6, {@link IpFamily#UNKNOWN} when no address was resolved. */
    public IpFamily family() {
        return IpFamily.of(address.getAddress());
    }

    /** The Linux errno the check ended with, 0 for UP or when none applies. */
    public int errno() {
        return errno;
    }

    /** The symbolic errno name ({@code ECONNREFUSED}), {@code OK} for 0. */
    public String errnoName() {
        return Errno.name(errno);
    }

    /** Why the check failed, in words ({@code Connection refused}); empty for UP. */
    public String message() {
        return message;
    }

    /** Time from the start of the check (name resolution included) to its result. */
    public long latencyNanos() {
        return latencyNanos;
    }

    public Duration latency() {
        return Duration.ofNanos(latencyNanos);
    }

    /** {@code 127.0.0.1:5432} or {@code [::1]:5432}, or {@code host:port} when unresolved. */
    public String addressText() {
        return HostPort.format(address);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(64)
                .append(addressText()).append(' ').append(outcome)
                .append(' ').append(String.format(java.util.Locale.ROOT, "%.3fms", latencyNanos / 1e6));
        if (outcome != Outcome.UP) {
            if (errno != 0) {
                text.append(' ').append(Errno.name(errno));
            }
            if (!message.isEmpty()) {
                text.append(" (").append(message).append(')');
            }
        }
        return text.toString();
    }
}
