package io.tcpshake.spring;

import io.micrometer.core.instrument.binder.MeterBinder;
import io.tcpshake.core.monitor.Monitor;
import io.tcpshake.micrometer.TcpshakeMetrics;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * tcpshake in a Spring Boot 3.5 or 4.0 application: a started {@link Monitor} checking
 * {@code tcpshake.targets} (see {@link TcpshakeProperties}), its meters on the application's MeterRegistry
 * ({@link TcpshakeMetrics} is a {@link MeterBinder}, which Spring Boot binds to every registry it
 * configures), and, on Spring Boot 3, the {@code tcpshake} health indicator (on Spring Boot 4, whose health
 * API moved, {@link io.tcpshake.spring.boot4.TcpshakeHealthAutoConfiguration} makes it).
 * {@code tcpshake.enabled=false} turns all of it off;
 * {@code management.health.tcpshake.enabled=false} only the health indicator. Each bean backs off when
 * the application defines its own.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "tcpshake", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(TcpshakeProperties.class)
public class TcpshakeAutoConfiguration {
    /** The monitor, started; closed with the application context (its checker and threads with it). */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public Monitor tcpshakeMonitor(TcpshakeProperties properties) {
        Monitor monitor = Monitor.builder().build();
        try {
            monitor.replaceAll(properties.targets());
            monitor.start();
        } catch (RuntimeException e) {
            monitor.close();
            throw e;
        }
        return monitor;
    }

    /** The meters; Spring Boot's actuator binds every MeterBinder bean to the application's registries. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterBinder.class)
    static class MetricsConfiguration {
        @Bean
        @ConditionalOnMissingBean
        TcpshakeMetrics tcpshakeMetrics(Monitor monitor) {
            return new TcpshakeMetrics(monitor);
        }
    }

    /** {@code /actuator/health/tcpshake} on Spring Boot 3; the bean name gives the indicator its name. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    @ConditionalOnEnabledHealthIndicator("tcpshake")
    static class HealthConfiguration {
        @Bean
        @ConditionalOnMissingBean(name = "tcpshakeHealthIndicator")
        TcpshakeHealthIndicator tcpshakeHealthIndicator(Monitor monitor, TcpshakeProperties properties) {
            return new TcpshakeHealthIndicator(monitor, properties.criticalTargetNames());
        }
    }
}
