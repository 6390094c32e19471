package io.tcpshake.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tcpshake.core.monitor.AddressPolicy;
import io.tcpshake.core.monitor.IpPreference;
import io.tcpshake.core.monitor.Monitor;
import io.tcpshake.core.monitor.Target;
import io.tcpshake.micrometer.TcpshakeMetrics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/** Which beans the auto-configuration makes, and which targets the properties give, without a web server. */
class TcpshakeAutoConfigurationTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(TcpshakeAutoConfiguration.class));

    @Test
    void propertiesGiveTheTargetsTargetsYamlWouldWithItsDefaults() {
        runner.withPropertyValues(
                "tcpshake.defaults.interval=30s", "tcpshake.defaults.jitter=20%", "tcpshake.defaults.labels.env=prod",
                "tcpshake.targets[0].address=127.0.0.1:5432",
                "tcpshake.targets[1].address=[::1]:6379", "tcpshake.targets[1].name=cache",
                "tcpshake.targets[1].interval=2s", "tcpshake.targets[1].timeout=500ms", "tcpshake.targets[1].rise=1",
                "tcpshake.targets[1].fall=5", "tcpshake.targets[1].jitter=0", "tcpshake.targets[1].fast_interval=1s",
                "tcpshake.targets[1].down-interval=5s", "tcpshake.targets[1].initial-delay=0s",
                "tcpshake.targets[1].addresses=any", "tcpshake.targets[1].ip=v6",
                "tcpshake.targets[1].labels.env=dev", "tcpshake.targets[1].labels.tier=cache",
                "tcpshake.targets[1].critical=true")
                .run(context -> {
                    List<Target> targets = context.getBean(Monitor.class).targets();
                    assertEquals(Target.builder("127.0.0.1:5432").interval(Duration.ofSeconds(30)).jitter(0.2)
                            .label("env", "prod").build(), targets.get(0));
                    assertEquals(Target.builder("[::1]:6379").name("cache").interval(Duration.ofSeconds(2))
                            .timeout(Duration.ofMillis(500)).rise(1).fall(5).jitter(0)
                            .fastInterval(Duration.ofSeconds(1)).downInterval(Duration.ofSeconds(5))
                            .initialDelay(Duration.ZERO).addressPolicy(AddressPolicy.ANY)
                            .ipPreference(IpPreference.IPV6).labels(Map.of("env", "dev", "tier", "cache")).critical(true)
                            .build(),
                            targets.get(1));
                    assertTrue(context.getBean(Monitor.class).isRunning());
                    assertTrue(context.containsBean("tcpshakeHealthIndicator"));
                    assertTrue(context.getBeansOfType(TcpshakeMetrics.class).size() == 1);
                });
    }

    @Test
    void withNoTargetsTheDefaultsAreTheBuiltInOnes() {
        runner.withPropertyValues("tcpshake.targets[0].address=127.0.0.1:5432").run(context ->
                assertEquals(Target.builder("127.0.0.1:5432").build(),
                        context.getBean(Monitor.class).targets().get(0)));
    }

    @Test
    void everyProblemIsReportedAtOnceUnderItsProperty() {
        runner.withPropertyValues("tcpshake.defaults.rise=0", "tcpshake.defaults.timeout=5s",
                "tcpshake.defaults.interval=20s", "tcpshake.targets[5].address=127.0.0.1:3",
                "tcpshake.targets[5].fast-interval=2s",
                "tcpshake.targets[0].address=127.0.0.1:99999", "tcpshake.targets[1].address=127.0.0.1:1",
                "tcpshake.targets[2].address=127.0.0.1:1", "tcpshake.targets[3].name=x",
                "tcpshake.targets[4].address=127.0.0.1:2", "tcpshake.targets[4].labels.outcome=x",
                "tcpshake.targets[4].ip=v5")
                .run(context -> {
                    String message = validationFailure(context.getStartupFailure()).getMessage();
                    for (String expected : List.of(
                            "'defaults.rise': rejected value [0]", "rise 0 is out of range: expected at least 1",
                            "'targets[5].fastInterval': rejected value [PT2S]", "timeout 5s is longer than interval 2s",
                            "'targets[0].address'", "port 99999 is out of range",
                            "'targets[2].address'", "duplicate target name '127.0.0.1:1' (first at tcpshake.targets[1])",
                            "'targets[3].address'", "target has no address",
                            "'targets[4].labels[outcome]'", "label name 'outcome' is a tag tcpshake sets itself",
                            "'targets[4].ip'", "ip 'v5' is not one of system, v4, v6")) {
                        assertTrue(message.contains(expected), expected + " in " + message);
                    }
                });
    }

    @Test
    void aProblemOfTheDefaultsIsReportedOnceAtTheDefaults() {
        runner.withPropertyValues("tcpshake.defaults.timeout=5s", "tcpshake.defaults.interval=2s",
                "tcpshake.targets[0].address=127.0.0.1:1", "tcpshake.targets[1].address=127.0.0.1:2")
                .run(context -> {
                    List<ObjectError> errors = validationFailure(context.getStartupFailure()).getValidationErrors()
                            .getAllErrors();
                    assertEquals(1, errors.size(), errors.toString());
                    assertEquals("defaults.timeout", ((FieldError) errors.get(0)).getField());
                    assertEquals("timeout 5s is longer than interval 2s: the next check would be due before this one"
                            + " times out; lower timeout or raise interval", errors.get(0).getDefaultMessage());
                });
    }

    @Test
    void stepsAsideWhenTurnedOffOrGivenTheApplicationsOwnMonitor() {
        runner.withPropertyValues("tcpshake.enabled=false").run(context -> {
            assertFalse(context.containsBean("tcpshakeMonitor"));
            assertFalse(context.containsBean("tcpshakeHealthIndicator"));
        });
        runner.withPropertyValues("management.health.tcpshake.enabled=false").run(context -> {
            assertTrue(context.containsBean("tcpshakeMonitor"));
            assertFalse(context.containsBean("tcpshakeHealthIndicator"));
        });
        runner.withUserConfiguration(OwnMonitor.class).run(context -> {
            assertSame(context.getBean("ownMonitor"), context.getBean(Monitor.class));
            assertTrue(context.containsBean("tcpshakeHealthIndicator"));
        });
    }

    @Test
    void startsWithoutTheActuator() {
        runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
                .withPropertyValues("tcpshake.targets[0].address=127.0.0.1:5432")
                .run(context -> {
                    assertEquals(null, context.getStartupFailure());
                    assertTrue(context.containsBean("tcpshakeMonitor"));
                    assertFalse(context.containsBean("tcpshakeHealthIndicator"));
                });
    }

    private static BindValidationException validationFailure(Throwable failure) {
        Throwable cause = failure;
        while (!(cause instanceof BindValidationException)) {
            cause = cause.getCause();
        }
        return (BindValidationException) cause;
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnMonitor {
        @Bean(destroyMethod = "close")
        Monitor ownMonitor() {
            return Monitor.builder().build();
        }
    }
}
