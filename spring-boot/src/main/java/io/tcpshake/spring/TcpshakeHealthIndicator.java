package io.tcpshake.spring;

import io.tcpshake.core.monitor.MonitorView;
import java.util.Objects;
import java.util.Set;
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
        TargetsHealth health = TargetsHealth.of(monitor, critical);
        return (health.criticalDown() ? Health.down() : Health.up()).withDetail("targets", health.targets()).build();
    }
}
