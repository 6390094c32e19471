package io.tcpshake.spring.boot4;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A Spring Boot 4 application with nothing of its own but the starter on its class path. */
@SpringBootApplication
class Boot4Application {
}
