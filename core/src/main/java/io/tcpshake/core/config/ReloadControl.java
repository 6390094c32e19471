package io.tcpshake.core.config;

/**
 * The configuration behind a running monitor, as outputs show and trigger it: the MBean's {@code reload()}
 * operation and reload attributes, the {@code tcpshake_config_last_reload_*} metrics. Implemented by the
 * agent.
 */
public interface ReloadControl {
    /** The latest load or reload. */
    ReloadStatus lastReload();

    /** Reads the configuration file again now and applies it when valid; returns the outcome. */
    ReloadStatus reload();
}
