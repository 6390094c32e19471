package io.tcpshake.spring;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** An application with nothing of its own: what a user's application is before it adds tcpshake. */
@SpringBootApplication
class StarterApplication {
}
