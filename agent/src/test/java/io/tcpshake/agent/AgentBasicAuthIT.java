package io.tcpshake.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tcpshake.agent.hostapp.HostApp;
import io.tcpshake.core.testing.LoopbackTargets;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The agent's exporter behind basic auth with a bcrypt hash: the bcrypt library works from the isolated loader. */
class AgentBasicAuthIT {
    /** Made by crypt(3) of Debian 12 (libxcrypt) for the password {@code s3cret pass}, cost 4. */
    private static final String BCRYPT = "$2b$04$abcdefghijklmnopqrstuuoBpIrM0OnplXjsOI8DWYJTHUhJDuUv.";

    @TempDir
    Path dir;
    @AutoClose
    private final LoopbackTargets loopback = new LoopbackTargets();

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tcpshake.agent.AgentIT#javaHomes")
    void bcryptBasicAuthGuardsTheAgentsEndpoint(String javaHome) throws Exception {
        String address = TargetsYaml.format(loopback.upListener(LoopbackTargets.V4).address());
        Path targets = Files.writeString(dir.resolve("targets.yaml"), "exporter:\n  enabled: true\n  port: 0\n"
                + "  basic_auth: {username: prometheus, password_bcrypt: '" + BCRYPT + "'}\n"
                + "targets:\n  - {name: up, address: \"" + address + "\"}\n");

        try (ChildJvm child = ChildJvm.start(ChildJvm.javaOf(javaHome),
                List.of("-javaagent:" + ChildJvm.agentJar() + "=" + targets))) {
            String url = AgentIT.metricsUrl(child.awaitOutput("tcpshake: monitoring 1 targets"));

            assertEquals(401, status(url, null));
            assertEquals(401, status(url, "prometheus:guess"));
            assertEquals(200, status(url, "prometheus:s3cret pass"));
            assertEquals(HostApp.EXIT_STATUS, child.exit(), child.output());
        }
    }

    private static int status(String url, String credentials) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
        connection.setConnectTimeout(5000);
        connection.setReadTimeout(5000);
        if (credentials != null) {
            connection.setRequestProperty("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        try {
            return connection.getResponseCode();
        } finally {
            connection.disconnect();
        }
    }
}
