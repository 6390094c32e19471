package io.tcpshake.core.monitor;

import io.tcpshake.core.CheckResult;
import io.tcpshake.core.EngineInfo;
import io.tcpshake.core.EngineKind;
import io.tcpshake.core.Errno;
import io.tcpshake.core.Outcome;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * A check function for schedule and state tests: answers each address with the outcome the test set
 * (UP unless told otherwise), at once or, while held, when the test releases the checks. Records every call
 * with the manual time it was made at. The real checker is exercised by {@code MonitorIntegrationTest} and
 * {@code MonitorAddressPolicyTest}.
 */
final class ScriptedChecks implements CheckFunction {
    static final long LATENCY_NANOS = 2_000_000;

    private final ManualTime time;
    private final Map<InetAddress, Outcome> outcomes = new ConcurrentHashMap<>();
    private final List<Call> calls = new ArrayList<>();
    private final List<Runnable> held = new ArrayList<>();
    private boolean holding;
    private int inFlight;
    private int maxInFlight;

    ScriptedChecks(ManualTime time) {
        this.time = time;
    }

    /** What checks of {@code ip} find from now on. */
    void answer(String ip, Outcome outcome) {
        outcomes.put(address(ip), outcome);
    }

    /** Keeps results back until {@link #releaseAll()}. */
    synchronized void hold() {
        holding = true;
    }

    /** Delivers every held result and stops holding. */
    void releaseAll() {
        List<Runnable> releasing;
        synchronized (this) {
            holding = false;
            releasing = new ArrayList<>(held);
            held.clear();
        }
        releasing.forEach(Runnable::run);
    }

    @Override
    public CompletableFuture<CheckResult> check(InetSocketAddress address, Duration timeout) {
        CompletableFuture<CheckResult> future = new CompletableFuture<>();
        Runnable answer;
        synchronized (this) {
            calls.add(new Call(address, timeout, time.elapsed()));
            inFlight++;
            maxInFlight = Math.max(maxInFlight, inFlight);
            answer = () -> {
                synchronized (this) {
                    inFlight--;
                }
                future.complete(result(address, timeout));
            };
            if (holding) {
                held.add(answer);
                return future;
            }
        }
        answer.run();
        return future;
    }

    private CheckResult result(InetSocketAddress address, Duration timeout) {
        Outcome outcome = outcomes.getOrDefault(address.getAddress(), Outcome.UP);
        switch (outcome) {
            case UP:
                return CheckResult.up(address, LATENCY_NANOS);
            case REFUSED:
                return CheckResult.connectFailed(address, Errno.ECONNREFUSED, LATENCY_NANOS);
            case TIMEOUT:
                return CheckResult.timeout(address, timeout.toNanos(), timeout.toNanos());
            default:
                return CheckResult.error(address, Errno.EMFILE, "scripted " + outcome, 0);
        }
    }

    @Override
    public EngineInfo engineInfo() {
        return new EngineInfo(EngineKind.NIO, "scripted checks (test)", null);
    }

    synchronized List<Call> calls() {
        return new ArrayList<>(calls);
    }

    /** The times (since the start) checks of {@code ip} were made. */
    synchronized List<Duration> callTimes(String ip) {
        InetAddress wanted = address(ip);
        return calls.stream().filter(c -> c.address.getAddress().equals(wanted)).map(c -> c.at)
                .collect(Collectors.toList());
    }

    synchronized List<Duration> callTimes(int port) {
        return calls.stream().filter(c -> c.address.getPort() == port).map(c -> c.at).collect(Collectors.toList());
    }

    synchronized int maxInFlight() {
        return maxInFlight;
    }

    static InetAddress address(String ip) {
        try {
            return InetAddress.getByName(ip); // an IP literal: parsed, never looked up
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** One check the monitor asked for. */
    static final class Call {
        final InetSocketAddress address;
        final Duration timeout;
        final Duration at;

        Call(InetSocketAddress address, Duration timeout, Duration at) {
            this.address = address;
            this.timeout = timeout;
            this.at = at;
        }

        @Override
        public String toString() {
            return address + " at " + at;
        }
    }
}
