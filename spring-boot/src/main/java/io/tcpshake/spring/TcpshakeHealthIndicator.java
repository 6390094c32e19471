package io.tcpshake.spring;

import io.tcpshake.core.monitor.MonitorView;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * {@code /actuator/health/tcpshake} on Spring Boot 3: every target's state and last check as details, and
 * DOWN only while a target marked {@code critical: true} is DOWN, so an optional dependency that flaps
 * never takes the application out of service (see {@link TargetsHealth}). Reads one snapshot: never waits
 * on a check. Add it to a readiness group with
 * {@code management.endpoint.health.group.readiness.include: readinessState,tcpshake}.
 */
public class TcpshakeHealthIndicator implements HealthIndicator {
    private final TargetsHealth targets;

    /** @param monitor the monitor to read: the application's own, or the agent's through its MBeans */
    public TcpshakeHealthIndicator(MonitorView monitor) {
        this.targets = new TargetsHealth(monitor);
    }

    @Override
    public Health health() {
        Map<String, Object> details = new LinkedHashMap<>();
        return (targets.readInto(details) ? Health.down() : Health.up()).withDetail("targets", details).build();
    }
}
