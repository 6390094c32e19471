package io.tcpshake.agent;

import io.tcpshake.agent.config.AgentConfig;
import io.tcpshake.agent.config.ConfigException;
import io.tcpshake.agent.config.ConfigLoader;
import io.tcpshake.core.config.ReloadStatus;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The agent run as a process of its own ({@code tcpshake serve}): the same start, reload and outputs as
 * {@link TcpshakeAgent} inside an application, but what the agent must forgive in a host JVM is fatal here at
 * start, since nothing else runs: an invalid file, or an exporter that cannot bind.
 */
public final class ServeProcess implements AutoCloseable {
    private final TcpshakeAgent agent;

    private ServeProcess(TcpshakeAgent agent) {
        this.agent = agent;
    }

    /**
     * Loads {@code file} and starts monitoring, the exporter, the MBeans and the JFR events it asks for.
     *
     * @param overrides {@code key=value} agent options that override the file ({@code port=9465})
     * @throws IllegalStateException with every reason when the file is invalid or the exporter it enables
     *         could not start; nothing is left running then
     */
    public static ServeProcess start(Path file, Map<String, String> overrides, Map<String, String> environment) {
        try {
            // Read once before anything starts: an invalid file ends the process with its errors, where the
            // agent in a host JVM would wait for it to be fixed.
            ConfigLoader.load(file, overrides, environment);
        } catch (ConfigException e) {
            throw new IllegalStateException(file + " is not valid:\n  " + String.join("\n  ", e.errors()));
        }
        // Messages straight to the process's logging, never held: no application logging is starting here.
        TcpshakeAgent agent = TcpshakeAgent.open(file, overrides, environment, AgentLog.direct(AgentLog.SYSTEM_LOGGER),
                AgentConfig.DEFAULT_RELOAD_INTERVAL);
        if (!agent.lastReload().success()) {
            agent.close();
            throw new IllegalStateException(file + " is not valid:\n  "
                    + String.join("\n  ", agent.lastReload().errors()));
        }
        if (agent.exporterWanted() && agent.metricsUrl().isEmpty()) {
            agent.close();
            throw new IllegalStateException("the exporter could not start (see above)");
        }
        return new ServeProcess(agent);
    }

    /** Re-reads the file now (SIGHUP); an invalid file leaves the last good configuration running. */
    public ReloadStatus reload() {
        return agent.reload();
    }

    /** Where the metrics are served, empty when the file turns the exporter off. */
    public Optional<String> metricsUrl() {
        return agent.metricsUrl();
    }

    /** Stops the outputs, the monitor and the checking loop. */
    @Override
    public void close() {
        agent.close();
    }
}
