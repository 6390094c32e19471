package io.tcpshake.spring.boot4;

import io.tcpshake.core.monitor.MonitorView;
import io.tcpshake.spring.TcpshakeAutoConfiguration;
import io.tcpshake.spring.TcpshakeProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code tcpshake} health indicator on Spring Boot 4 (on Spring Boot 3, {@link TcpshakeAutoConfiguration}
 * makes it): present when Spring Boot 4's health API is, for the monitor {@link TcpshakeAutoConfiguration}
 * (or the application) made, or the agent's.
 */
@AutoConfiguration(after = TcpshakeAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean({MonitorView.class, TcpshakeProperties.class})
@ConditionalOnEnabledHealthIndicator("tcpshake")
public class TcpshakeHealthAutoConfiguration {
    /** The bean name gives the indicator its name, {@code tcpshake}. */
    @Bean
    @ConditionalOnMissingBean(name = "tcpshakeHealthIndicator")
    public TcpshakeHealthIndicator tcpshakeHealthIndicator(MonitorView monitor) {
        return new TcpshakeHealthIndicator(monitor);
    }
}
