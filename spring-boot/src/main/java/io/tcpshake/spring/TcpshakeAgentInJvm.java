package io.tcpshake.spring;

import java.util.Optional;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Whether the tcpshake agent ({@code -javaagent:tcpshake.jar}, or attached) runs in this JVM. The agent keeps
 * its classes in a class loader of its own; the one class of {@code tcpshake.jar} on the application's class
 * path, {@code io.tcpshake.bootstrap.TcpshakeBootstrap}, says whether it started (a JDK type only: a string),
 * read here by reflection so that this module needs nothing of the agent. It says so from {@code premain}
 * on, before the agent's monitor and MBeans exist.
 */
public final class TcpshakeAgentInJvm {
    static final String BOOTSTRAP_CLASS = "io.tcpshake.bootstrap.TcpshakeBootstrap";

    private TcpshakeAgentInJvm() {
    }

    /**
     * How the agent was started ({@code -javaagent with 'targets.yaml'}, {@code attach ...}); empty when no
     * agent runs in this JVM (none loaded, or it stayed off: no targets file, {@code main=} not matching).
     */
    public static Optional<String> startedBy() {
        try {
            Class<?> bootstrap = Class.forName(BOOTSTRAP_CLASS, false, ClassLoader.getSystemClassLoader());
            return Optional.ofNullable((String) bootstrap.getMethod("startedBy").invoke(null));
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // A tcpshake.jar of another shape: treat it as absent, and the application checks its own targets.
            return Optional.empty();
        }
    }

    /** Matches when the agent runs in this JVM. */
    static final class Running implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return startedBy().isPresent();
        }
    }

    /** Matches when no agent runs in this JVM. */
    static final class Absent implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return startedBy().isEmpty();
        }
    }
}
