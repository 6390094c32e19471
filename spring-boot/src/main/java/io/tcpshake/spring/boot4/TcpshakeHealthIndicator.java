package io.tcpshake.spring.boot4;

import io.tcpshake.core.monitor.MonitorView;
import io.tcpshake.spring.TargetsHealth;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@code /actuator/health/tcpshake} on Spring Boot 4, whose health API moved to
 * {@code org.springframework.boot.health.contributor}; the same status and details as
 * {@link io.tcpshake.spring.TcpshakeHealthIndicator} on Spring Boot 3.
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
