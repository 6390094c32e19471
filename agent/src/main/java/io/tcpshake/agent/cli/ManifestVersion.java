package io.tcpshake.agent.cli;

import io.tcpshake.core.TcpshakeVersion;
import picocli.CommandLine.IVersionProvider;

/** The tcpshake version for {@code --version} and {@code version}, with the commit it was built from. */
public final class ManifestVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"tcpshake " + version()};
    }

    /** The version and commit, e.g. {@code 0.1.0 (commit 0123456789ab)}. */
    public static String version() {
        return TcpshakeVersion.version() + " (commit " + TcpshakeVersion.commit() + ")";
    }
}
