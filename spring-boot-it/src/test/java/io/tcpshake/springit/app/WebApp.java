package io.tcpshake.springit.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Spring Boot web application a new user writes (web, Actuator, the Prometheus registry), run by the
 * tests with tcpshake.jar as its agent. With {@code --exit-when-ready} it exits as soon as it has started, the
 * usual way ({@code System.exit(SpringApplication.exit(context))}), printing the moment it asked to.
 */
@SpringBootApplication
@RestController
public class WebApp {
    /** Printed on stdout, with the epoch milliseconds, right before the application asks the JVM to exit. */
    public static final String EXITING = "webapp: exiting at ";

    public static void main(String[] args) {
        SpringApplication.run(WebApp.class, args);
    }

    @GetMapping("/")
    public String hello() {
        return "hello";
    }

    @EventListener
    public void ready(ApplicationReadyEvent event) {
        ConfigurableApplicationContext context = event.getApplicationContext();
        if (context.getEnvironment().containsProperty("exit-when-ready")) {
            System.out.println(EXITING + System.currentTimeMillis());
            System.exit(SpringApplication.exit(context));
        }
    }
}
