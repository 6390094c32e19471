package io.tcpshake.spring;

import io.tcpshake.core.CheckResult;
import io.tcpshake.core.monitor.MonitorView;
import io.tcpshake.core.monitor.TargetSnapshot;
import io.tcpshake.core.monitor.TargetState;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the tcpshake health indicator shows, apart from Spring Boot's health API (whose package differs
 * between Spring Boot 3 and 4): from one {@link io.tcpshake.core.monitor.MonitorSnapshot}, whether a
 * {@linkplain io.tcpshake.core.monitor.Target#critical() critical} target is DOWN and every target's details.
 */
public final class TargetsHealth {
    private final MonitorView monitor;

    /** @param monitor the monitor to read: the application's own, or the agent's through its MBeans */
    public TargetsHealth(MonitorView monitor) {
        this.monitor = Objects.requireNonNull(monitor, "monitor");
    }

    /**
     * Reads one snapshot: puts each target's details (state, critical, address, since, and the last check when
     * there was one) into {@code details} under its name.
     *
     * @return whether a critical target is DOWN (one not decided yet is not)
     */
    public boolean readInto(Map<String, Object> details) {
        boolean criticalDown = false;
        for (TargetSnapshot target : monitor.snapshot().targets()) {
            boolean isCritical = target.target().critical();
            criticalDown |= isCritical && target.state() == TargetState.DOWN;
            details.put(target.name(), details(target, isCritical));
        }
        return criticalDown;
    }

    private static Map<String, Object> details(TargetSnapshot target, boolean isCritical) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("state", target.state().name());
        details.put("critical", isCritical);
        details.put("address", target.target().endpoint().toString());
        details.put("since", target.stateSince().toString());
        CheckResult last = target.lastResult();
        if (last != null) {
            Map<String, Object> check = new LinkedHashMap<>();
            check.put("outcome", last.outcome().label());
            check.put("address", last.addressText());
            check.put("latencyMs", Math.round(last.latencyNanos() / 1e3) / 1e3);
            if (!last.isUp()) {
                String reason = last.errno() != 0 ? last.errnoName() : last.outcome().name();
                check.put("error", last.message().isEmpty() ? reason : reason + " (" + last.message() + ")");
            }
            if (target.lastCheckTime() != null) {
                check.put("at", target.lastCheckTime().toString());
            }
            details.put("lastCheck", check);
        }
        return details;
    }
}
