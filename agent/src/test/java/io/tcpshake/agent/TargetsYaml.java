package io.tcpshake.agent;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A targets.yaml for the tests: fast checks (200 ms apart, rise and fall 1), the file polled every 200 ms,
 * no exporter unless asked. Targets are named {@code up}, {@code refused}, ... as the tests pass them.
 */
final class TargetsYaml {
    private final Map<String, InetSocketAddress> targets = new LinkedHashMap<>();
    private Integer exporterPort;
    private boolean jmx;
    private boolean jfr;
    private String engine;

    private TargetsYaml() {
    }

    /** Targets named {@code up} and (the second) {@code refused}. */
    static TargetsYaml of(InetSocketAddress up, InetSocketAddress... others) {
        TargetsYaml yaml = new TargetsYaml();
        yaml.targets.put("up", up);
        String[] names = {"refused", "third", "fourth"};
        for (int i = 0; i < others.length; i++) {
            yaml.targets.put(names[i], others[i]);
        }
        return yaml;
    }

    TargetsYaml plus(String name, InetSocketAddress address) {
        targets.put(name, address);
        return this;
    }

    TargetsYaml exporterPort(int port) {
        this.exporterPort = port;
        return this;
    }

    TargetsYaml jmx(boolean enabled) {
        this.jmx = enabled;
        return this;
    }

    TargetsYaml jfr(boolean enabled) {
        this.jfr = enabled;
        return this;
    }

    /** {@code engine:} on the file's first line, so that its value starts at column 9. */
    TargetsYaml engine(String name) {
        this.engine = name;
        return this;
    }

    String text() {
        StringBuilder yaml = new StringBuilder();
        if (engine != null) {
            yaml.append("engine: ").append(engine).append('\n');
        }
        yaml.append("defaults: {interval: 200ms, timeout: 150ms, rise: 1, fall: 1}\n");
        yaml.append("reload: {interval: 200ms}\n");
        if (exporterPort != null) {
            yaml.append("exporter: {enabled: true, host: 127.0.0.1, port: ").append(exporterPort).append("}\n");
        } else {
            yaml.append("exporter: {enabled: false}\n");
        }
        yaml.append("jmx: {enabled: ").append(jmx).append("}\n");
        yaml.append("jfr: {enabled: ").append(jfr).append("}\n");
        yaml.append("targets:\n");
        targets.forEach((name, address) -> yaml.append("  - {name: ").append(name).append(", address: \"")
                .append(format(address)).append("\"}\n"));
        return yaml.toString();
    }

    /** {@code 127.0.0.1:5432} or {@code [::1]:5432}, as the agent logs addresses. */
    static String format(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return (host.contains(":") ? "[::1]" : host) + ":" + address.getPort();
    }
}
