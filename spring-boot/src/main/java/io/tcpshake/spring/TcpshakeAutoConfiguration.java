package io.tcpshake.spring;

import io.micrometer.core.instrument.binder.MeterBinder;
import io.tcpshake.core.monitor.Monitor;
import io.tcpshake.core.monitor.MonitorView;
import io.tcpshake.jmx.JmxMonitorView;
import io.tcpshake.micrometer.TcpshakeMetrics;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * tcpshake in a Spring Boot 3.5 or 4.0 application: a started {@link Monitor} checking
 * {@code tcpshake.targets} (see {@link TcpshakeProperties}), its meters on the application's MeterRegistry
 * ({@link TcpshakeMetrics} is a {@link MeterBinder}, which Spring Boot binds to every registry it
 * configures), and, on Spring Boot 3, the {@code tcpshake} health indicator (on Spring Boot 4, whose health
 * API moved, {@link io.tcpshake.spring.boot4.TcpshakeHealthAutoConfiguration} makes it).
 *
 * <p>Where the tcpshake agent also runs in this JVM ({@link TcpshakeAgentInJvm}), there is one monitor, the
 * agent's: no {@code Monitor} is built here, and the meters and the health indicator read the agent's monitor
 * through its MBeans ({@link JmxMonitorView}), so {@code /actuator/health/tcpshake} and
 * {@code /actuator/prometheus} show the targets of the agent's targets.yaml, checked once.
 *
 * <p>{@code tcpshake.enabled=false} turns all of it off;
 * {@code management.health.tcpshake.enabled=false} only the health indicator. Each bean backs off when
 * the application defines its own.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "tcpshake", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(TcpshakeProperties.class)
public class TcpshakeAutoConfiguration {
    private static final Log LOG = LogFactory.getLog("io.tcpshake.spring");

    /**
     * The monitor of {@code tcpshake.targets}, started; closed with the application context (its checker and
     * threads with it). Not where the agent runs: see {@link #tcpshakeAgentMonitor}.
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(MonitorView.class)
    @Conditional(TcpshakeAgentInJvm.Absent.class)
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

    /**
     * Where the agent runs in this JVM: its monitor, read through its MBeans. Its targets appear once the agent
     * has registered them (it starts beside the application), follow its reloads, and are critical where its
     * targets.yaml says {@code critical: true}; {@code tcpshake.targets} are not checked.
     */
    @Bean
    @ConditionalOnMissingBean(MonitorView.class)
    @Conditional(TcpshakeAgentInJvm.Running.class)
    public JmxMonitorView tcpshakeAgentMonitor(TcpshakeProperties properties) {
        JmxMonitorView agent = JmxMonitorView.platform();
        String startedBy = TcpshakeAgentInJvm.startedBy().orElse("the agent");
        LOG.info("tcpshake: the tcpshake agent runs in this JVM (started by " + startedBy + "): "
                + "/actuator/health/tcpshake and the tcpshake meters show the targets of its monitor, read through"
                + " its MBeans (io.tcpshake:type=Monitor); this application builds no monitor of its own"
                + agent.metricsUrl().map(url -> ". The agent's own endpoint " + url + " has the same targets: scrape"
                        + " one of the two, or turn it off (exporter: {enabled: false} in its targets file)")
                        .orElse(""));
        if (!properties.getTargets().isEmpty()) {
            LOG.warn("tcpshake: the " + properties.getTargets().size() + " targets under tcpshake.targets are not"
                    + " checked while the tcpshake agent runs in this JVM: move them to the agent's targets file"
                    + " (critical: true is a key there too), or start the application without the agent");
        }
        return agent;
    }

    /** The meters; Spring Boot's actuator binds every MeterBinder bean to the application's registries. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterBinder.class)
    static class MetricsConfiguration {
        @Bean
        @ConditionalOnMissingBean
        TcpshakeMetrics tcpshakeMetrics(MonitorView monitor) {
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
        TcpshakeHealthIndicator tcpshakeHealthIndicator(MonitorView monitor) {
            return new TcpshakeHealthIndicator(monitor);
        }
    }
}
