package io.tcpshake.spring;

import io.tcpshake.core.CheckResult;
import io.tcpshake.core.monitor.MonitorView;
import io.tcpshake.core.monitor.TargetSnapshot;
import io.tcpshake.core.monitor.TargetState;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * {@code /actuator/health/tcpshake}: every target's state and last check as details, and DOWN only while a
 * target marked {@code critical: true} is DOWN, so an optional dependency that flaps never takes the
 * application out of service. A target not decided yet (no check so far) does not count as down. Reads one
 * {@link io.tcpshake.core.monitor.MonitorSnapshot}: never waits on a check. Add it to a readiness group
 * with {@code management.endpoint.health.group.readiness.include: readinessState,tcpshake}.
 */
public class TcpshakeHealthIndicator implements HealthIndicator {
    private final MonitorView monitor;
    private final Set<String> critical;

    /**
     * @param monitor the monitor to read
     * @param critical names of the targets whose DOWN makes this indicator DOWN
     */
    public TcpshakeHealthIndicator(MonitorView monitor, Set<String> critical) {
        this.monitor = Objects.requireNonNull(monitor, "monitor");
        this.critical = Set.copyOf(critical);
    }

    @Override
    public Health health() {
        Map<String, Object> targets = new LinkedHashMap<>();
        boolean criticalDown = false;
        for (TargetSnapshot target : monitor.snapshot().targets()) {
            boolean isCritical = critical.contains(target.name());
            criticalDown |= isCritical && target.state() == TargetState.DOWN;
            targets.put(target.name(), details(target, isCritical));
        }
        return (criticalDown ? Health.down() : Health.up()).withDetail("targets", targets).build();
    }

    private static Map<String, Object> details(TargetSnapshot target, boolean isCritical) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("state", target.state().name());
        details.put("critical", isCritical);
        details.put("address", target.target().address());
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
